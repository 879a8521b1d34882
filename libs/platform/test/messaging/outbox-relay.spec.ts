import { afterAll, afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { DataSource } from 'typeorm';
import { register } from 'prom-client';
import { Streams } from '@fleetward/contracts';
import { expectEventually, type TestDatabase } from '@fleetward/platform/testing';
import { DurableConsumer } from '../../src/messaging/durable-consumer.js';
import { EventPublisher } from '../../src/messaging/event-publisher.js';
import { MessageHeaders } from '../../src/messaging/headers.js';
import type { MessagePublisher, OutgoingMessage } from '../../src/messaging/outgoing-message.js';
import type { NatsClient } from '../../src/nats/nats-client.js';
import { watchOutbox } from '../../src/outbox/outbox-metrics.js';
import { OutboxRelay } from '../../src/outbox/outbox-relay.js';
import { OutboxQueryWriter } from '../../src/outbox/outbox-query-writer.js';
import { OutboxWriter } from '../../src/outbox/outbox-writer.js';
import {
  connectNats,
  deleteConsumer,
  DeliveryLog,
  messagingDatabase,
  testOrg,
  thingHappened,
  things,
} from './support/fixtures.js';

jest.setTimeout(60_000);

describe('outbox relay', () => {
  let nats: NatsClient;
  let db: TestDatabase;
  const cleanups: Array<() => Promise<unknown>> = [];

  beforeAll(async () => {
    nats = await connectNats();
    db = await messagingDatabase();
  });
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });
  afterAll(async () => {
    await db?.drop();
    await nats?.drain();
  });

  async function consume(): Promise<{ log: DeliveryLog; orgId: string; durable: string }> {
    const org = testOrg();
    const log = new DeliveryLog();
    const consumer = new DurableConsumer(nats);
    await consumer.start({
      ...org,
      events: [thingHappened],
      batch: 200,
      handle: (e, meta) => {
        if (meta.headers[MessageHeaders.correlationId] !== e.correlationId) throw new Error('correlation header lost');
        log.record(e.id);
      },
    });
    cleanups.push(
      () => deleteConsumer(nats, org.durable),
      () => consumer.stop(),
    );
    return { log, orgId: org.orgId, durable: org.durable };
  }

  async function outboxRows(): Promise<number> {
    const [row] = await db.dataSource.query(`SELECT count(*)::int AS n FROM "${db.schema}".outbox`);
    return (row as { n: number }).n;
  }

  it('relays events written in bulk from a query (envelopes built in SQL) like any other, msgID = event id', async () => {
    const { log, orgId } = await consume();
    const written = await db.dataSource.transaction((m) =>
      OutboxQueryWriter.add(m, thingHappened, {
        data: 'i AS n',
        from: 'generate_series(1, $1::int) i',
        params: [250],
        orgId,
        source: 'test',
      }),
    );
    expect(written).toBe(250);
    const rows: { id: string; payload: unknown; headers: Record<string, string> }[] = await db.dataSource.query(
      `SELECT id, payload, headers FROM "${db.schema}".outbox`,
    );
    const envelopes = rows.map((r) => thingHappened.envelope.parse(r.payload));
    expect(envelopes.map((e) => e.data.n).sort((a, b) => a - b)).toEqual(Array.from({ length: 250 }, (_, i) => i + 1));
    expect(envelopes.every((e, i) => e.id === rows[i]!.id && e.correlationId === e.id)).toBe(true);
    const relay = new OutboxRelay(db.dataSource, new EventPublisher(nats), { batchSize: 100 });
    while ((await relay.relayOnce()) > 0);
    await expectEventually(() => expect(log.distinct).toBe(250), { timeoutMs: 10_000 });
    expect([...log.counts.keys()].sort()).toEqual(rows.map((r) => r.id).sort());
  });

  it('refuses bulk events whose SQL-built data breaks the schema, outside a transaction too', async () => {
    const bad = { data: `'x'::text AS n`, from: 'generate_series(1, 3) i', orgId: testOrg().orgId, source: 'test' };
    await expect(db.dataSource.transaction((m) => OutboxQueryWriter.add(m, thingHappened, bad))).rejects.toMatchObject({
      code: 'OUTBOX_INVALID_EVENT',
    });
    await expect(OutboxQueryWriter.add(db.dataSource.manager, thingHappened, bad)).rejects.toMatchObject({
      code: 'OUTBOX_NEEDS_TRANSACTION',
    });
    expect(await outboxRows()).toBe(0);
  });

  it('publishes an event written in a transaction exactly once and empties the outbox', async () => {
    const { log, orgId } = await consume();
    const events = things(orgId, 300);
    await db.dataSource.transaction((m) => OutboxWriter.add(m, events));
    const relay = new OutboxRelay(db.dataSource, new EventPublisher(nats), { batchSize: 64 });
    while ((await relay.relayOnce()) > 0);

    await expectEventually(() => expect(log.distinct).toBe(300), { timeoutMs: 10_000 });
    expect(log.duplicates).toBe(0);
    expect([...log.counts.keys()].sort()).toEqual(events.map((e) => e.id).sort());
    expect(await outboxRows()).toBe(0);
  });

  it('writes nothing when the transaction rolls back', async () => {
    const { orgId } = await consume();
    await expect(
      db.dataSource.transaction(async (m) => {
        await OutboxWriter.add(m, things(orgId, 3));
        throw new Error('state change failed');
      }),
    ).rejects.toThrow('state change failed');
    expect(await outboxRows()).toBe(0);
  });

  it('refuses to write outside a transaction', async () => {
    await expect(OutboxWriter.add(db.dataSource.manager, things('org_x', 1))).rejects.toMatchObject({
      code: 'OUTBOX_NEEDS_TRANSACTION',
    });
  });

  it('publishes once when a relay dies after publishing and before deleting the rows', async () => {
    const { log, orgId, durable } = await consume();
    const events = things(orgId, 200);
    await db.dataSource.transaction((m) => OutboxWriter.add(m, events));
    const real = new EventPublisher(nats);
    let published = 0;
    // Publishes for real, then "crashes": the claim transaction rolls back as if the process had died.
    const dying: MessagePublisher = {
      async publishMessages(messages: readonly OutgoingMessage[], window?: number) {
        await real.publishMessages(messages, window);
        published += messages.length;
        throw new Error('relay process killed');
      },
    };
    await expect(new OutboxRelay(db.dataSource, dying, { batchSize: 500 }).relayOnce()).rejects.toThrow('killed');
    expect(published).toBe(200);
    expect(await outboxRows()).toBe(200);

    const survivor = new OutboxRelay(db.dataSource, real, { batchSize: 500 });
    expect(await survivor.relayOnce()).toBe(200);
    expect(await outboxRows()).toBe(0);
    await expectEventually(() => expect(log.distinct).toBe(200), { timeoutMs: 10_000 });
    // A duplicate stored by the stream would still be pending or unacked here; JetStream dropped it instead.
    await expectEventually(async () => {
      const info = await nats.jsm.consumers.info(Streams.events.name, durable);
      expect(info.num_pending + info.num_ack_pending).toBe(0);
    });
    expect(log.duplicates).toBe(0);
  });

  it('two relays at once publish every event exactly once between them', async () => {
    const { log, orgId } = await consume();
    const total = 2_000;
    const events = things(orgId, total);
    for (let i = 0; i < total; i += 500) {
      await db.dataSource.transaction((m) => OutboxWriter.add(m, events.slice(i, i + 500)));
    }
    const second = await new DataSource({ ...db.dataSource.options } as never).initialize();
    cleanups.push(() => second.destroy());
    const counts = [0, 0];
    const counting = (k: number): MessagePublisher => {
      const real = new EventPublisher(nats);
      return {
        async publishMessages(messages, window) {
          await real.publishMessages(messages, window);
          counts[k]! += messages.length;
        },
      };
    };
    const relays = [
      new OutboxRelay(db.dataSource, counting(0), { batchSize: 50, pollIntervalMs: 50 }),
      new OutboxRelay(second, counting(1), { batchSize: 50, pollIntervalMs: 50 }),
    ];
    relays.forEach((r) => r.start());
    cleanups.push(() => Promise.all(relays.map((r) => r.stop())));

    await expectEventually(() => expect(log.distinct).toBe(total), { timeoutMs: 45_000 });
    await Promise.all(relays.map((r) => r.stop()));
    expect(counts[0]! + counts[1]!).toBe(total);
    expect(counts[0]).toBeGreaterThan(0);
    expect(counts[1]).toBeGreaterThan(0);
    expect(log.duplicates).toBe(0);
    expect(await outboxRows()).toBe(0);
  });

  it('reports the backlog of a watched schema on the metrics registry', async () => {
    await db.dataSource.transaction((m) => OutboxWriter.add(m, things('org_metrics', 3)));
    const unwatch = watchOutbox(db.schema, db.dataSource);
    cleanups.push(async () => {
      unwatch();
      await db.dataSource.query(`DELETE FROM "${db.schema}".outbox`);
    });
    const text = await register.getSingleMetricAsString('fleetward_outbox_backlog');
    expect(text).toContain(`fleetward_outbox_backlog{schema="${db.schema}"} 3`);
  });

  it('wakes on NOTIFY at commit instead of waiting for its timer', async () => {
    const { log, orgId } = await consume();
    const relay = new OutboxRelay(db.dataSource, new EventPublisher(nats), { pollIntervalMs: 60_000 });
    relay.start();
    cleanups.push(() => relay.stop());
    // Once it listens, the relay sleeps for a minute unless notified.
    await expectEventually(async () => {
      const [row] = await db.ownerDataSource.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE query = $1`, [
        `LISTEN "${db.schema}.outbox"`,
      ]);
      expect((row as { n: number }).n).toBe(1);
    });
    const [event] = things(orgId, 1);
    await db.dataSource.transaction((m) => OutboxWriter.add(m, event!));
    await expectEventually(() => expect(log.counts.get(event!.id)).toBe(1), { timeoutMs: 5_000 });
  });
});
