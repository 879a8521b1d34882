import { afterAll, afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { register } from 'prom-client';
import { Streams } from '@fleetward/contracts';
import { expectEventually } from '@fleetward/platform/testing';
import { currentCorrelationId } from '../../src/logging/correlation.js';
import type { ConsumerStartOptions } from '../../src/messaging/consumer-options.js';
import { DurableConsumer } from '../../src/messaging/durable-consumer.js';
import { EventPublisher } from '../../src/messaging/event-publisher.js';
import { MessageHeaders } from '../../src/messaging/headers.js';
import { PermanentError } from '../../src/messaging/permanent-error.js';
import type { NatsClient } from '../../src/nats/nats-client.js';
import {
  connectNats,
  deleteConsumer,
  DeliveryLog,
  testOrg,
  thingHappened,
  things,
  watchDeadLetters,
} from './support/fixtures.js';

jest.setTimeout(30_000);

describe('durable consumer', () => {
  let nats: NatsClient;
  let publisher: EventPublisher;
  const cleanups: Array<() => unknown> = [];

  beforeAll(async () => {
    nats = await connectNats();
    publisher = new EventPublisher(nats);
  });
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });
  afterAll(async () => {
    await nats?.drain();
  });

  async function start(options: Omit<ConsumerStartOptions, 'durable' | 'stream' | 'filterSubject'>) {
    const org = testOrg();
    const dlq = watchDeadLetters(nats.nc, org.durable);
    const consumer = new DurableConsumer(nats);
    await consumer.start({ ...org, ...options });
    cleanups.push(
      dlq.stop,
      () => deleteConsumer(nats, org.durable),
      () => consumer.stop(),
    );
    return { ...org, dlq: dlq.letters, consumer };
  }

  const publishRaw = (subject: string, payload: string) => nats.js.publish(subject, new TextEncoder().encode(payload));

  it('runs the handler within the event correlation id and carries the header', async () => {
    const seen: Array<{ correlationId?: string; header?: string; expected: string }> = [];
    const { orgId } = await start({
      events: [thingHappened],
      handle: (e, meta) => {
        seen.push({
          correlationId: currentCorrelationId(),
          header: meta.headers[MessageHeaders.correlationId],
          expected: e.correlationId,
        });
      },
    });
    await publisher.publishMany(things(orgId, 3));
    await expectEventually(() => expect(seen).toHaveLength(3));
    for (const s of seen) expect([s.correlationId, s.header]).toEqual([s.expected, s.expected]);
  });

  it('dead-letters malformed messages with their reason and still processes the message behind them', async () => {
    const log = new DeliveryLog();
    const { orgId, durable, dlq } = await start({ events: [thingHappened], handle: (e) => log.record(e.id) });
    const [bad, good] = things(orgId, 2);
    const subject = thingHappened.subject(orgId);
    await publishRaw(subject, '{not json');
    await publishRaw(subject, JSON.stringify({ ...bad, data: { n: 'seven' } }));
    // A valid envelope of another organisation arriving on this organisation's subject.
    await publishRaw(subject, JSON.stringify({ ...bad, orgId: 'other_org' }));
    await publisher.publish(good!);

    await expectEventually(() => expect(log.counts.get(good!.id)).toBe(1));
    await expectEventually(() => expect(dlq).toHaveLength(3));
    expect(dlq.map((d) => d.reason)).toEqual(['invalid_payload', 'invalid_payload', 'invalid_payload']);
    expect(dlq[0]).toMatchObject({
      consumer: durable,
      stream: Streams.events.name,
      subject,
      deliveries: 1,
      original: '{not json',
    });
    expect(dlq[0]!.detail).toMatch(/not JSON/);
    expect(dlq[1]!.detail).toMatch(/data\.n/);
    expect(dlq[2]!.detail).toMatch(/belongs on fleet\.evt\.other_org\./);
    expect(log.distinct).toBe(1);
    const metrics = await register.getSingleMetricAsString('fleetward_consumer_dead_letters_total');
    expect(metrics).toContain(`consumer="${durable}",reason="invalid_payload"} 3`);
  });

  it('redelivers after a transient failure, and dead-letters after max deliveries', async () => {
    const attempts = new Map<number, number[]>();
    const done: number[] = [];
    const { orgId, dlq } = await start({
      events: [thingHappened],
      maxDeliver: 3,
      backoffMs: [20, 40],
      handle: (e, meta) => {
        const n = (e.data as { n: number }).n;
        attempts.set(n, [...(attempts.get(n) ?? []), meta.deliveries]);
        if (n === 0) throw new Error('database unavailable');
        if (n === 1 && meta.deliveries < 3) throw new Error('timeout talking to redis');
        done.push(n);
      },
    });
    const [alwaysFails, recovers, fine] = things(orgId, 3);
    await publisher.publishMany([alwaysFails!, recovers!, fine!]);

    await expectEventually(() => expect(dlq).toHaveLength(1));
    await expectEventually(() => expect(done.sort()).toEqual([1, 2]));
    expect(attempts.get(0)).toEqual([1, 2, 3]);
    expect(attempts.get(1)).toEqual([1, 2, 3]);
    expect(attempts.get(2)).toEqual([1]);
    expect(dlq[0]).toMatchObject({ reason: 'max_deliveries', deliveries: 3 });
    expect(dlq[0]!.detail).toContain('database unavailable');
    expect(JSON.parse(dlq[0]!.original).id).toBe(alwaysFails!.id);
  });

  it('dead-letters a PermanentError at once without retrying', async () => {
    let calls = 0;
    const { orgId, dlq } = await start({
      events: [thingHappened],
      handle: () => {
        calls++;
        throw new PermanentError('device belongs to a deleted site', 'SITE_GONE');
      },
    });
    await publisher.publish(things(orgId, 1)[0]!);
    await expectEventually(() => expect(dlq).toHaveLength(1));
    expect(dlq[0]).toMatchObject({
      reason: 'permanent_error',
      deliveries: 1,
      detail: 'device belongs to a deleted site',
    });
    expect(calls).toBe(1);
  });

  it('batch mode hands whole rounds to the handler and isolates a poison event', async () => {
    const batchSizes: number[] = [];
    const applied = new DeliveryLog();
    const { orgId, dlq } = await start({
      events: [thingHappened],
      batch: 50,
      handleBatch: async (events) => {
        batchSizes.push(events.length);
        if (events.some((e) => (e.envelope.data as { n: number }).n === 13)) throw new PermanentError('unlucky');
        for (const e of events) applied.record(e.envelope.id);
      },
    });
    await publisher.publishMany(things(orgId, 120));
    await expectEventually(() => expect(applied.distinct).toBe(119));
    await expectEventually(() => expect(dlq).toHaveLength(1));
    expect(JSON.parse(dlq[0]!.original).data).toEqual({ n: 13 });
    expect(applied.duplicates).toBe(0);
    expect(Math.max(...batchSizes)).toBeGreaterThan(1);
  });

  it('keeps a slow round and the messages queued behind it from being redelivered', async () => {
    const deliveries: number[] = [];
    let rounds = 0;
    const { orgId } = await start({
      events: [thingHappened],
      ackWaitMs: 1_000,
      batch: 5,
      handleBatch: async (events) => {
        // The first round outlasts the ack deadline twice over while the next round waits in the queue.
        if (rounds++ === 0) await new Promise((resolve) => setTimeout(resolve, 2_200));
        for (const e of events) deliveries.push(e.meta.deliveries);
      },
    });
    await publisher.publishMany(things(orgId, 10));
    await expectEventually(() => expect(deliveries.length).toBeGreaterThanOrEqual(10), { timeoutMs: 10_000 });
    expect(deliveries).toEqual(Array(10).fill(1));
  });

  it('ends its loop when the NATS connection closes under it', async () => {
    const own = await connectNats('consumer-connection-closes');
    const org = testOrg();
    cleanups.push(() => deleteConsumer(nats, org.durable));
    const consumer = new DurableConsumer(own);
    await consumer.start({ ...org, events: [thingHappened], handle: () => undefined });
    expect(consumer.running).toBe(true);
    await own.nc.close();
    // Without a stop() call: the loop notices by itself instead of retrying a dead connection forever.
    await expectEventually(() => expect(consumer.running).toBe(false));
    await expect(consumer.stop()).resolves.toBeUndefined();
  });

  it('updates an existing consumer in place when its settings change', async () => {
    const org = testOrg();
    cleanups.push(() => deleteConsumer(nats, org.durable));
    const options = { ...org, events: [thingHappened], handle: () => undefined };
    const first = new DurableConsumer(nats);
    await first.start({ ...options, maxDeliver: 3, ackWaitMs: 5_000 });
    await first.stop();
    const second = new DurableConsumer(nats);
    await second.start({ ...options, maxDeliver: 7, ackWaitMs: 9_000 });
    await second.stop();
    const info = await nats.jsm.consumers.info(org.stream, org.durable);
    expect(info.config).toMatchObject({ max_deliver: 8, ack_wait: 9_000_000_000, filter_subject: org.filterSubject });
  });
});
