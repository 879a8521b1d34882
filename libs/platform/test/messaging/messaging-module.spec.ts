import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { TypeOrmModule, getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { expectEventually, type TestDatabase } from '@fleetward/platform/testing';
import { DurableConsumer } from '../../src/messaging/durable-consumer.js';
import { EventPublisher } from '../../src/messaging/event-publisher.js';
import { MessagingModule } from '../../src/messaging/messaging.module.js';
import { NatsClient } from '../../src/nats/nats-client.js';
import { NatsModule } from '../../src/nats/nats.module.js';
import { OutboxRelay } from '../../src/outbox/outbox-relay.js';
import { OutboxWriter } from '../../src/outbox/outbox-writer.js';
import {
  connectNats,
  deleteConsumer,
  DeliveryLog,
  messagingDatabase,
  NATS_URL,
  testOrg,
  thingHappened,
  things,
} from './support/fixtures.js';

jest.setTimeout(30_000);

describe('MessagingModule', () => {
  let nats: NatsClient;
  let db: TestDatabase;

  beforeAll(async () => {
    nats = await connectNats();
    db = await messagingDatabase();
  });
  afterAll(async () => {
    await db?.drop();
    await nats?.drain();
  });

  it('runs the outbox relay for the app DataSource and gives each injection its own consumer', async () => {
    @Module({
      imports: [
        NatsModule.forRoot({ servers: NATS_URL, name: 'messaging-module-test' }),
        TypeOrmModule.forRoot({ ...db.dataSource.options, type: 'postgres' }),
        MessagingModule.forRoot({ relay: { pollIntervalMs: 100 } }),
      ],
    })
    class AppModule {}
    const app = await NestFactory.createApplicationContext(AppModule, { logger: ['error'] });
    const org = testOrg();
    const log = new DeliveryLog();
    try {
      const [a, b] = await Promise.all([app.resolve(DurableConsumer), app.resolve(DurableConsumer)]);
      expect(a).not.toBe(b);
      expect(app.get(EventPublisher)).toBeInstanceOf(EventPublisher);
      expect(app.get(OutboxRelay)).toBeInstanceOf(OutboxRelay);
      await a.start({ ...org, events: [thingHappened], handle: (e) => log.record(e.id) });

      const events = things(org.orgId, 5);
      await app.get<DataSource>(getDataSourceToken()).transaction((m) => app.get(OutboxWriter).add(m, events));
      await expectEventually(() => expect(log.distinct).toBe(5));
      await a.stop();
    } finally {
      await app.close();
      await deleteConsumer(nats, org.durable);
    }
    expect(app.get(NatsClient).nc.isClosed()).toBe(true);
  });
});
