#!/usr/bin/env node
// Events/s through outbox -> relay -> JetStream -> durable consumer with inbox, next to raw JetStream publish and
// consume measured in the same run. Run: `npm run bench:messaging` (builds libs/platform first).
// Options (environment): BENCH_EVENTS per measurement (default 30000), BENCH_ROUNDS (3; medians are reported),
// BENCH_TX_EVENTS events per writer transaction (100), BENCH_WRITERS concurrent writers (4), BENCH_RELAYS (2),
// BENCH_BATCH consumer round (500).
import { performance } from 'node:perf_hooks';
import { setInterval, clearInterval, setTimeout } from 'node:timers';
import { TextEncoder } from 'node:util';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { createEvent, defineEvent, Streams, Subjects } from '@fleetward/contracts';
import {
  DurableConsumer,
  EventPublisher,
  Inbox,
  NatsClient,
  OutboxRelay,
  OutboxWriter,
  publishBatch,
  toOutgoingMessage,
} from '@fleetward/platform';
import { ensureStreams, testDatabase, uniqueId } from '@fleetward/platform/testing';
import { rawBatchPublish, rawConsume, rawPublish } from './raw-jetstream.mjs';

const env = (name, fallback) => Number(process.env[name] ?? fallback);
const N = env('BENCH_EVENTS', 30_000);
const ROUNDS = env('BENCH_ROUNDS', 3);
const TX_EVENTS = env('BENCH_TX_EVENTS', 100);
const WRITERS = env('BENCH_WRITERS', 4);
const RELAYS = env('BENCH_RELAYS', 2);
const BATCH = env('BENCH_BATCH', 500);
const NATS_URL = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';

const reading = defineEvent({
  type: 'bench.reading-taken',
  version: 1,
  description: 'Benchmark event about the size of a device event',
  data: z.object({ deviceId: z.string(), siteId: z.string(), state: z.enum(['online', 'offline']), seq: z.number() }),
});
const eventsFor = (orgId) =>
  Array.from({ length: N }, (_, seq) =>
    createEvent(reading, {
      orgId,
      source: 'bench',
      data: { deviceId: `dev-${seq % 5000}`, siteId: `site-${seq % 50}`, state: seq % 7 ? 'online' : 'offline', seq },
    }),
  );
const until = async (check, what, timeoutMs = 300_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
};

/** A pool of its own, as each service replica has (the relay keeps one connection in LISTEN). */
const pool = (db, max) =>
  new DataSource({ ...db.dataSource.options, extra: { ...db.dataSource.options.extra, max } }).initialize();

async function platformPath(nats, db, orgId) {
  const writerDb = await pool(db, WRITERS);
  const consumerDb = await pool(db, 2);
  const relayDbs = await Promise.all(Array.from({ length: RELAYS }, () => pool(db, 2)));
  const events = eventsFor(orgId);
  await db.ownerDataSource.query(`TRUNCATE "${db.schema}".readings`);
  const durable = uniqueId('bench_pipeline');
  let applied = 0;
  const consumer = new DurableConsumer(nats);
  await consumer.start({
    durable,
    stream: Streams.events.name,
    filterSubject: Subjects.orgEvents(orgId),
    events: [reading],
    batch: BATCH,
    maxAckPending: 20_000,
    handleBatch: (batch) =>
      consumerDb.transaction(async (m) => {
        const fresh = await Inbox.claim(
          m,
          durable,
          batch.map((e) => e.envelope.id),
        );
        const rows = batch.filter((e) => fresh.has(e.envelope.id));
        await m.query(
          `INSERT INTO "${db.schema}".readings (event_id, device_id, state) SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[])`,
          [
            rows.map((e) => e.envelope.id),
            rows.map((e) => e.envelope.data.deviceId),
            rows.map((e) => e.envelope.data.state),
          ],
        );
        applied += rows.length;
      }),
  });
  const relays = relayDbs.map((ds) => new OutboxRelay(ds, new EventPublisher(nats), { batchSize: 1000 }));
  const start = performance.now();
  relays.forEach((r) => r.start());
  let next = 0;
  const writer = async () => {
    while (next < N) {
      const chunk = events.slice(next, (next += TX_EVENTS));
      await writerDb.transaction((m) => OutboxWriter.add(m, chunk));
    }
  };
  const progress = process.env.BENCH_DEBUG
    ? setInterval(async () => {
        const [o] = await db.dataSource.query(`SELECT count(*)::int AS n FROM "${db.schema}".outbox`);
        console.log(
          `t=${Math.round(performance.now() - start)}ms written=${Math.min(next, N)} outbox=${o.n} applied=${applied}`,
        );
      }, 500)
    : undefined;
  await Promise.all(Array.from({ length: WRITERS }, writer));
  const written = performance.now();
  await until(() => applied >= N, 'the consumer to apply every event');
  const end = performance.now();
  clearInterval(progress);
  await Promise.all(relays.map((r) => r.stop()));
  await consumer.stop();
  await nats.jsm.consumers.delete(Streams.events.name, durable).catch(() => undefined);
  await Promise.all([writerDb, consumerDb, ...relayDbs].map((ds) => ds.destroy()));
  const [check] = await db.dataSource.query(
    `SELECT count(*)::int AS n, count(DISTINCT event_id)::int AS d FROM "${db.schema}".readings`,
  );
  if (check.n !== N || check.d !== N) throw new Error(`applied ${check.n} rows (${check.d} distinct), expected ${N}`);
  return { endToEnd: N / ((end - start) / 1000), outboxWrites: N / ((written - start) / 1000) };
}

async function main() {
  const nats = await NatsClient.connect({ servers: NATS_URL, name: 'bench-messaging' });
  await ensureStreams({ jsm: nats.jsm });
  const db = await testDatabase();
  await db.ownerDataSource.query(
    `CREATE TABLE "${db.schema}".readings (event_id uuid NOT NULL, device_id text, state text)`,
  );
  const orgs = [];
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const rate = (x) => `${Math.round(x).toLocaleString('en-US')}/s`.padStart(10);
  try {
    const runs = [];
    // Rounds interleave the raw and platform measurements so a busy neighbour skews both alike.
    for (let round = 1; round <= ROUNDS; round++) {
      const rawOrg = uniqueId('benchraw');
      const pipeOrg = uniqueId('benchpipe');
      orgs.push(rawOrg, pipeOrg);
      const rawSubject = reading.subject(rawOrg);
      const payloads = eventsFor(rawOrg).map((e) => new TextEncoder().encode(JSON.stringify(e)));
      const publish = await rawPublish(nats.js, rawSubject, payloads);
      const batchOrg = uniqueId('benchraw');
      orgs.push(batchOrg);
      const batchPublish = await rawBatchPublish(nats.nc, publishBatch, eventsFor(batchOrg).map(toOutgoingMessage));
      const consume = await rawConsume(nats, uniqueId('bench_raw'), rawSubject, N);
      const pipeline = await platformPath(nats, db, pipeOrg);
      const run = {
        publish,
        batchPublish,
        consume,
        ...pipeline,
        ratio: pipeline.endToEnd / publish,
        ratioBatch: pipeline.endToEnd / batchPublish,
      };
      runs.push(run);
      console.log(
        `round ${round}: raw publish ${rate(publish)}, batch publish ${rate(batchPublish)}, raw consume ${rate(consume)}, ` +
          `platform ${rate(pipeline.endToEnd)} (${(100 * run.ratio).toFixed(0)}% of raw publish)`,
      );
    }
    const m = (key) => median(runs.map((r) => r[key]));
    console.log(
      `\nmedians of ${ROUNDS} rounds, ${N} events each; writer tx ${TX_EVENTS} events x ${WRITERS} writers, ${RELAYS} relays, consumer round ${BATCH}`,
    );
    console.log(`raw JetStream publish (window 1000, no msgID)      ${rate(m('publish'))}`);
    console.log(`publishBatch alone (window 1000, msgID, no DB)     ${rate(m('batchPublish'))}`);
    console.log(`raw JetStream consume (pull, ack each)             ${rate(m('consume'))}`);
    console.log(`outbox writes (committed transactions)             ${rate(m('outboxWrites'))}`);
    console.log(`outbox -> relay -> JetStream -> consumer + inbox   ${rate(m('endToEnd'))}`);
    console.log(
      `platform / raw publish                             ${(100 * m('ratio')).toFixed(0)}%`.padEnd(61) +
        ' (goal >= 20%)',
    );
    console.log(`platform / publishBatch alone                      ${(100 * m('ratioBatch')).toFixed(0)}%`);
  } finally {
    for (const org of orgs) {
      await nats.jsm.streams.purge(Streams.events.name, { filter: Subjects.orgEvents(org) }).catch(() => undefined);
    }
    await db.drop();
    await nats.drain();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
