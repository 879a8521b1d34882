import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { register } from 'prom-client';
import { expectEventually } from '@fleetward/platform/testing';
import { DurableConsumer } from '../../src/messaging/durable-consumer.js';
import { EventPublisher } from '../../src/messaging/event-publisher.js';
import type { NatsClient } from '../../src/nats/nats-client.js';
import { connectNats, deleteConsumer, testOrg, thingHappened, things } from './support/fixtures.js';

jest.setTimeout(30_000);

const lagOf = async (durable: string) => {
  const metric = await register.getSingleMetric('fleetward_consumer_pending_messages')?.get();
  return metric?.values.find((v) => v.labels['consumer'] === durable)?.value;
};

describe('consumer lag metrics', () => {
  let nats: NatsClient;
  beforeAll(async () => {
    nats = await connectNats();
  });
  afterAll(async () => {
    await nats?.drain();
  });

  it('reports the messages waiting for a running consumer, read from the server at scrape time', async () => {
    const org = testOrg();
    const release: Array<() => void> = [];
    const consumer = new DurableConsumer(nats);
    // One message at a time, each held until released: the others wait in the stream.
    await consumer.start({ ...org, events: [thingHappened], batch: 1, handle: () => new Promise<void>((r) => release.push(r)) });
    try {
      await new EventPublisher(nats).publishMany(things(org.orgId, 5));
      await expectEventually(async () => expect(await lagOf(org.durable)).toBeGreaterThanOrEqual(3));
      await expectEventually(async () => {
        release.splice(0).forEach((r) => r());
        expect(await lagOf(org.durable)).toBe(0);
      });
    } finally {
      release.splice(0).forEach((r) => r());
      await consumer.stop();
      await deleteConsumer(nats, org.durable);
    }
    expect(await lagOf(org.durable)).toBeUndefined();
  });
});
