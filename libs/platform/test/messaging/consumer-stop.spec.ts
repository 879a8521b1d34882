import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { Injectable, Module, type OnApplicationBootstrap } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { EntityManager } from 'typeorm';
import { expectEventually, type TestDatabase } from '@fleetward/platform/testing';
import { Inbox } from '../../src/inbox/inbox.js';
import type { ConsumedEvent } from '../../src/messaging/consumer-options.js';
import { DurableConsumer } from '../../src/messaging/durable-consumer.js';
import { EventPublisher } from '../../src/messaging/event-publisher.js';
import { MessagingModule } from '../../src/messaging/messaging.module.js';
import { NatsModule } from '../../src/nats/nats.module.js';
import type { NatsClient } from '../../src/nats/nats-client.js';
import {
  connectNats,
  deleteConsumer,
  messagingDatabase,
  NATS_URL,
  testOrg,
  thingHappened,
  things,
  watchDeadLetters,
} from './support/fixtures.js';

jest.setTimeout(60_000);

const TOTAL = 3_000;

describe('stopping a consumer while events flow', () => {
  let nats: NatsClient;
  let db: TestDatabase;
  const org = testOrg();

  beforeAll(async () => {
    nats = await connectNats();
    db = await messagingDatabase();
    await db.ownerDataSource.query(`CREATE TABLE "${db.schema}".applied (event_id uuid NOT NULL, by text NOT NULL)`);
  });
  afterAll(async () => {
    await deleteConsumer(nats, org.durable);
    await db?.drop();
    await nats?.drain();
  });

  /** Applies events exactly once: the inbox row and the side effect commit together. */
  const apply = (by: string) => async (events: ConsumedEvent[]) => {
    await db.dataSource.transaction(async (m: EntityManager) => {
      const fresh = await Inbox.claim(
        m,
        org.durable,
        events.map((e) => e.envelope.id),
      );
      if (fresh.size === 0) return;
      await m.query(`INSERT INTO "${db.schema}".applied (event_id, by) SELECT id, $2 FROM unnest($1::uuid[]) AS id`, [
        [...fresh],
        by,
      ]);
    });
  };

  it('loses nothing and applies every event once after a restart', async () => {
    let handledByFirst = 0;
    const options = { ...org, events: [thingHappened], ackWaitMs: 2_000, batch: 50 };

    // The first instance is a Nest app: closing it is what SIGTERM does (consumers stop, then NATS drains).
    @Injectable()
    class Worker implements OnApplicationBootstrap {
      constructor(private readonly consumer: DurableConsumer) {}
      onApplicationBootstrap() {
        const run = apply('first');
        return this.consumer.start({
          ...options,
          handleBatch: async (events) => {
            // Slow enough that the next round is already buffered on this client when it stops.
            await new Promise((resolve) => setTimeout(resolve, 10));
            await run(events);
            handledByFirst += events.length;
          },
        });
      }
    }
    @Module({
      imports: [
        NatsModule.forRoot({ servers: NATS_URL, name: 'stop-test' }),
        MessagingModule.forRoot({ relay: false }),
      ],
      providers: [Worker],
    })
    class WorkerModule {}
    const app = await NestFactory.createApplicationContext(WorkerModule, { logger: ['error'] });
    const dlq = watchDeadLetters(nats.nc, org.durable);

    const events = things(org.orgId, TOTAL);
    const publisher = new EventPublisher(nats);
    const publishing = (async () => {
      for (let i = 0; i < TOTAL; i += 100) await publisher.publishMany(events.slice(i, i + 100));
    })();

    await expectEventually(() => expect(handledByFirst).toBeGreaterThan(300), { timeoutMs: 20_000 });
    await app.close();
    const handledAtStop = handledByFirst;

    const second = new DurableConsumer(nats);
    await second.start({ ...options, handleBatch: apply('second') });
    await publishing;
    try {
      await expectEventually(
        async () => {
          const [row] = await db.dataSource.query(
            `SELECT count(DISTINCT event_id)::int AS n FROM "${db.schema}".applied`,
          );
          expect((row as { n: number }).n).toBe(TOTAL);
        },
        { timeoutMs: 30_000 },
      );
    } finally {
      await second.stop();
      dlq.stop();
    }
    const [counts] = await db.dataSource.query(
      `SELECT count(*)::int AS rows, count(DISTINCT event_id)::int AS ids,
              count(*) FILTER (WHERE by = 'first')::int AS first FROM "${db.schema}".applied`,
    );
    expect(counts).toEqual({ rows: TOTAL, ids: TOTAL, first: expect.any(Number) });
    expect((counts as { first: number }).first).toBeGreaterThanOrEqual(300);
    expect((counts as { first: number }).first).toBeLessThan(TOTAL);
    expect(handledByFirst).toBe(handledAtStop);
    expect(dlq.letters).toHaveLength(0);
  });
});
