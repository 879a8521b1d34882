import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { defineEvent } from '@fleetward/contracts';
import { expectEventually } from '@fleetward/platform/testing';
import { z } from 'zod';
import { DurableConsumer } from '../../src/messaging/durable-consumer.js';
import { EventPublisher } from '../../src/messaging/event-publisher.js';
import type { NatsClient } from '../../src/nats/nats-client.js';
import { connectNats, deleteConsumer, testOrg, thingHappened, things, watchDeadLetters } from './support/fixtures.js';

jest.setTimeout(30_000);

/** Another well-formed event type on the same subjects, which the consumer does not handle. */
const otherThing = defineEvent({ type: 'test.other-thing', version: 1, description: 'not for this consumer', data: z.object({ n: z.number() }) });

describe('durable consumer: event types it does not handle', () => {
  let nats: NatsClient;
  beforeAll(async () => {
    nats = await connectNats();
  });
  afterAll(async () => {
    await nats?.drain();
  });

  it.each([
    ['ignore', 0],
    ['dead-letter', 2],
  ] as const)('otherTypes=%s: handles its own events, dead-letters %d others', async (otherTypes, deadLetters) => {
    const org = testOrg();
    const dlq = watchDeadLetters(nats.nc, org.durable);
    const handled: number[] = [];
    const consumer = new DurableConsumer(nats);
    await consumer.start({ ...org, events: [thingHappened], otherTypes, handle: (e) => void handled.push((e.data as { n: number }).n) });
    try {
      const publisher = new EventPublisher(nats);
      const [a, b] = things(org.orgId, 2);
      const others = [0, 1].map((n) =>
        otherThing.envelope.parse({ ...a!, id: crypto.randomUUID(), type: otherThing.type, data: { n } }),
      );
      await publisher.publishMany([a!, others[0]!, others[1]!, b!]);
      await expectEventually(() => expect(handled).toEqual([0, 1]));
      await expectEventually(() => expect(dlq.letters).toHaveLength(deadLetters));
      if (otherTypes === 'ignore') {
        // Ignored events are acked, not left to be redelivered.
        await expectEventually(async () => expect((await nats.jsm.consumers.info(org.stream, org.durable)).num_ack_pending).toBe(0));
      }
    } finally {
      dlq.stop();
      await consumer.stop();
      await deleteConsumer(nats, org.durable);
    }
  });
});
