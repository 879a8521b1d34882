// Notifier benchmark: webhook deliveries/s through the notifier's BullMQ delivery worker (signed, retries enabled)
// next to BullMQ's raw no-op job rate in the same run, and the time from site.unreachable published to the
// notification at the receiver. Needs the local NATS, Postgres and Redis; builds nothing (see `npm run bench:notifier`).
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { setTimeout } from 'node:timers';
import { writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { Queue } from 'bullmq';
import { Streams } from '@fleetward/contracts';
import { fixtures } from '@fleetward/contracts/testing';
import { bullmqConnection, generateCallerKeyPair, NatsClient, PlatformModule, withOrg } from '@fleetward/platform';
// Not '@fleetward/platform/testing': its index also exports a jest suite (it imports @jest/globals), which fails
// outside jest. These three files are plain helpers.
import { ensureStreams } from '../../libs/platform/dist/testing/ensure-streams.js';
import { testDatabase } from '../../libs/platform/dist/testing/test-database.js';
import { uniqueId } from '../../libs/platform/dist/testing/unique-id.js';
import { configSchema } from '../../services/notifier/dist/config.js';
import { migrations } from '../../services/notifier/dist/migrations/index.js';
import { NotifierModule } from '../../services/notifier/dist/notifier.module.js';
import { ChannelService } from '../../services/notifier/dist/channels/channel.service.js';
import { RoutingRuleService } from '../../services/notifier/dist/routing/routing-rule.service.js';
import { DeliveryRepository } from '../../services/notifier/dist/delivery/delivery.repository.js';
import { JobScheduler } from '../../services/notifier/dist/delivery/job-scheduler.js';
import { rawBullmq } from './raw-bullmq.mjs';
import { startReceiver } from './receiver.mjs';

const N = Number(process.env.BENCH_DELIVERIES ?? 3000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
// Unrecorded rounds first (deliveries and raw no-op alike): a 3,000-delivery round lasts one to two seconds, and the
// first one runs mostly unoptimised code (about twice the CPU per delivery of the third).
const WARMUP = Number(process.env.BENCH_WARMUP ?? 1);
const SITES = Number(process.env.BENCH_SITES ?? 50);
const SPACING_MS = Number(process.env.BENCH_SITE_SPACING_MS ?? 200);
// The worker's concurrency, the same for the raw no-op worker (DELIVERY_CONCURRENCY's default unless set).
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? configSchema.shape.DELIVERY_CONCURRENCY.parse(undefined));
const FAIL_EVERY = Number(process.env.BENCH_FAIL_EVERY ?? 20);
// A file name prefix: when set, each round's timed delivery stage (only) is CPU-profiled to <prefix>-<round>.cpuprofile.
const PROFILE = process.env.BENCH_CPU_PROFILE;
const config = () => ({ REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379' });
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)];
const fmt = (n) => Math.round(n).toLocaleString('en-US');

function waitFor(predicate, timeoutMs, what) {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const tick = () => {
      if (predicate()) return resolve();
      if (Date.now() > deadline) return reject(new Error(`timed out waiting for ${what}`));
      setTimeout(tick, 5);
    };
    tick();
  });
}

async function startProfiler() {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  return {
    stop: async (file) => {
      const { profile } = await session.post('Profiler.stop');
      await writeFile(file, JSON.stringify(profile));
      session.disconnect();
    },
  };
}

async function main() {
  await ensureStreams();
  const db = await testDatabase({ migrations });
  const prefix = `fleetward-${db.schema}`; // the notifier's queue prefix for this schema (see queuePrefix)
  const env = {
    DATABASE_URL: db.appUrl,
    DB_SCHEMA: db.schema,
    PORT: '0',
    LOG_LEVEL: 'error',
    DELIVERY_ATTEMPTS: '8',
    DELIVERY_BACKOFF_MS: '50',
    WEBHOOK_TIMEOUT_MS: '5000',
    DELIVERY_CONCURRENCY: String(CONCURRENCY),
    CALLER_VERIFY_KEYS: generateCallerKeyPair().verifyKeys,
  };
  class NotifierBench {}
  Module({ imports: [PlatformModule.forService({ name: 'notifier', configSchema, migrations, env }), NotifierModule] })(
    NotifierBench,
  );
  const app = await NestFactory.create(NotifierBench, { logger: ['error'] });
  await app.init();
  let onMessage = () => {};
  const receiver = await startReceiver({ failEvery: FAIL_EVERY, onMessage: (body, at) => onMessage(body, at) });
  try {
    await measure(app, db, receiver, prefix, (fn) => (onMessage = fn));
  } finally {
    // Leave nothing behind on the shared servers: the durable consumer, the queue's keys, the schema.
    const scheduler = app.get(JobScheduler);
    await app.close();
    const nc = await connect({ servers: process.env.NATS_URL ?? '127.0.0.1:4222' });
    await (await jetstreamManager(nc)).consumers.delete(Streams.events.name, `notifier-${db.schema}-events`).catch(() => undefined);
    await nc.close();
    await receiver.close();
    const queue = new Queue(scheduler.queue.name, { connection: bullmqConnection(config()), prefix });
    await queue.obliterate({ force: true }).catch(() => undefined);
    await queue.close();
    await db.drop();
  }
}

async function measure(app, db, receiver, prefix, setOnMessage) {
  let onMessage;
  setOnMessage((body, at) => onMessage?.(body, at));
  const orgId = uniqueId('org');
  const caller = { orgId, role: 'admin', actor: 'user:bench', correlationId: uniqueId('c') };
  const channels = app.get(ChannelService);
  await channels.addAllowedHost(caller, '127.0.0.1');
  const hook = await channels.create(caller, {
    name: 'bench',
    type: 'webhook',
    target: `${receiver.url}/hook`,
    enabled: true,
  });
  const ds = db.dataSource;

  // 1. Delivery stage: N pending webhook deliveries, then enqueue them; the clock stops at the last one received.
  const rates = [];
  const raws = [];
  const raws50 = [];
  for (let round = 1 - WARMUP; round <= ROUNDS; round++) {
    const items = Array.from({ length: N }, (_, i) => {
      const id = `bench:${round}:${i}:${randomUUID()}`;
      const now = new Date().toISOString();
      const item = {
        incidentId: randomUUID(),
        kind: 'device-offline',
        severity: 'major',
        status: 'open',
        title: `Device ${i} offline`,
        siteName: 'Bench site',
        deviceName: `cam-${i}`,
        openedAt: now,
        resolvedAt: null,
        acknowledgedBy: null,
        ackNote: null,
      };
      return {
        id,
        channelId: hook.id,
        n: { id, orgId, reason: 'firing', subject: item.title, items: [item], consoleUrl: null, sentAt: now },
      };
    });
    const repo = app.get(DeliveryRepository);
    for (let i = 0; i < N; i += 500) await withOrg(ds, orgId, (m) => repo.create(m, orgId, items.slice(i, i + 500)));
    let received = 0;
    onMessage = () => void received++;
    const refusedBefore = receiver.refusedCount();
    const profiler = PROFILE ? await startProfiler() : null;
    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    const scheduler = app.get(JobScheduler);
    const jobs = items.map((d) => ({ name: 'deliver', data: { orgId, deliveryId: d.id }, at: new Date() }));
    for (let i = 0; i < N; i += 1000) await scheduler.enqueue(jobs.slice(i, i + 1000));
    await waitFor(() => received === N, 600_000, `${N} deliveries`);
    // Stop the clock once every attempt is also recorded (status 'sent' in Postgres), not only received.
    const sentCount = async () =>
      (
        await db.ownerDataSource.query(
          `SELECT count(*)::int AS n FROM "${db.schema}".delivery WHERE status = 'sent' AND id LIKE $1`,
          [`bench:${round}:%`],
        )
      )[0].n;
    let sent = await sentCount();
    while (sent < N) {
      await new Promise((r) => setTimeout(r, 20));
      sent = await sentCount();
    }
    const seconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    if (profiler) await profiler.stop(`${PROFILE}-${round}.cpuprofile`);
    if (round >= 1) rates.push(N / seconds);
    // The raw ceiling: the same worker setup (concurrency included) with a no-op handler. Also at BullMQ's usual 50,
    // printed beside it, to show the notifier's concurrency does not slow BullMQ itself.
    const rawCpuBefore = process.cpuUsage();
    const rawAt = async (concurrency, tag) =>
      rawBullmq({ connection: bullmqConnection(config()), prefix: `${prefix}_raw${tag}${round}`, n: N, concurrency });
    const raw = await rawAt(CONCURRENCY, 'c');
    const rawCpu = process.cpuUsage(rawCpuBefore);
    const raw50 = await rawAt(50, 'f');
    if (round >= 1) {
      raws.push(raw);
      raws50.push(raw50);
    }
    // CPU of this process (the notifier / the raw worker; the receiver has its own) per delivery / job: steadier than rates
    // when other work shares the machine.
    const perItemMs = (c) => ((c.user + c.system) / 1000 / N).toFixed(2);
    console.log(
      `${round >= 1 ? `round ${round}` : 'warm-up (not counted)'}: ${fmt(N / seconds)} deliveries/s (${sent}/${N} rows sent, ${receiver.refusedCount() - refusedBefore} first attempts refused with 503 and retried, ${perItemMs(cpu)} ms CPU each); raw BullMQ no-op ${fmt(raw)} jobs/s at concurrency ${CONCURRENCY} (${perItemMs(rawCpu)} ms CPU each), ${fmt(raw50)} at 50`,
    );
  }

  // 2. Latency: site.unreachable published -> signed webhook at the receiver, one site at a time.
  await app.get(RoutingRuleService).create(caller, {
    name: 'sites',
    enabled: true,
    match: { kinds: ['site-unreachable'], minSeverity: 'info', siteIds: [], deviceTypes: [], tags: [] },
    channelIds: [hook.id],
    timing: { groupWaitSec: 0, groupIntervalSec: 1, repeatIntervalSec: 3600 },
    quietHours: null,
    escalateAfterSec: null,
    escalationChannelIds: [],
  });
  const nats = app.get(NatsClient);
  receiver.reportBodies(true);
  // One site every SPACING_MS (not waiting for the previous one), so a slow one does not stretch the run.
  const pending = new Map();
  const latencies = [];
  onMessage = (body, at) => {
    for (const [siteName, published] of pending)
      if (body.includes(siteName)) {
        latencies.push(at - published);
        pending.delete(siteName);
      }
  };
  for (let i = 0; i < SITES; i++) {
    const siteName = `bench-site-${i}-${randomUUID().slice(0, 8)}`;
    const e = fixtures.siteUnreachable({
      orgId,
      overrides: { siteId: `site-${i}`, siteName, sitePath: ['region-1', `site-${i}`] },
    });
    pending.set(siteName, performance.now());
    await nats.js.publish(`fleet.evt.${orgId}.${e.type}.v${e.version}`, JSON.stringify(e), { msgID: e.id });
    await new Promise((r) => setTimeout(r, SPACING_MS));
  }
  await waitFor(() => pending.size === 0, 180_000, `${pending.size} site notifications`).catch((err) =>
    console.error(err.message),
  );

  const rate = median(rates);
  const raw = median(raws);
  console.log('');
  const failing = FAIL_EVERY > 0 ? `1 in ${FAIL_EVERY} first attempts answered 503` : 'no failures';
  console.log(`webhook deliveries (median of ${ROUNDS} x ${N}, ${failing}): ${fmt(rate)}/s`);
  console.log(`raw BullMQ no-op jobs (same run, same concurrency ${CONCURRENCY}): ${fmt(raw)}/s (at concurrency 50: ${fmt(median(raws50))}/s)`);
  console.log(`ratio: ${Math.round((100 * rate) / raw)}% (goal >= 25%)`);
  console.log(
    `site.unreachable -> webhook at the receiver, ${latencies.length} of ${SITES} sites (one every ${SPACING_MS} ms): p50 ${fmt(pct(latencies, 50))} ms, p99 ${fmt(pct(latencies, 99))} ms, max ${fmt(Math.max(...latencies))} ms`,
  );
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
