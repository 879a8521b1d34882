import { z } from 'zod';
import { createEvent, defineEvent, Streams, Subjects, type EventEnvelope } from '@fleetward/contracts';
import { ensureStreams, testDatabase, testNatsUrl, uniqueId, type TestDatabase } from '@fleetward/platform/testing';
import type { NatsConnection } from '@nats-io/transport-node';
import { platformMigrations } from '../../../src/database/platform-migrations.js';
import { PlatformInbox1795600000001 } from '../../../src/inbox/inbox.migration.js';
import { NatsClient } from '../../../src/nats/nats-client.js';
import { PlatformOutbox1795600000000 } from '../../../src/outbox/outbox.migration.js';
import { deadLetterSchema, type DeadLetter } from '../../../src/messaging/dead-letter.js';

export const NATS_URL = testNatsUrl();

export const thingHappened = defineEvent({
  type: 'test.thing-happened',
  version: 1,
  description: 'A test event carrying a number',
  data: z.object({ n: z.number().int() }),
});

export function things(orgId: string, count: number, from = 0): EventEnvelope<{ n: number }>[] {
  return Array.from({ length: count }, (_, i) =>
    createEvent(thingHappened, { orgId, data: { n: from + i }, source: 'test' }),
  );
}

export async function connectNats(name = 'platform-messaging-test'): Promise<NatsClient> {
  const client = await NatsClient.connect({ servers: NATS_URL, name });
  await ensureStreams({ jsm: client.jsm });
  return client;
}

/** A fresh schema with the outbox and inbox tables (whether or not platformMigrations lists them yet). */
export function messagingDatabase(): Promise<TestDatabase> {
  const ours = [PlatformOutbox1795600000000, PlatformInbox1795600000001];
  return testDatabase({ migrations: ours.filter((m) => !platformMigrations.includes(m)) });
}

export interface TestOrg {
  orgId: string;
  durable: string;
  filterSubject: string;
  stream: string;
}

export function testOrg(): TestOrg {
  const orgId = uniqueId('org');
  return { orgId, durable: uniqueId('durable'), filterSubject: Subjects.orgEvents(orgId), stream: Streams.events.name };
}

/** Collects the dead letters published for `durable` (a core subscription sees every JetStream publish). */
export function watchDeadLetters(nc: NatsConnection, durable: string): { letters: DeadLetter[]; stop(): void } {
  const letters: DeadLetter[] = [];
  const sub = nc.subscribe(Subjects.dlq(durable), {
    callback: (err, msg) => {
      if (!err) letters.push(deadLetterSchema.parse(msg.json()));
    },
  });
  return { letters, stop: () => sub.unsubscribe() };
}

export async function deleteConsumer(client: NatsClient, durable: string): Promise<void> {
  await client.jsm.consumers.delete(Streams.events.name, durable).catch(() => undefined);
}

/** Counts how often each event id reached a handler. */
export class DeliveryLog {
  readonly counts = new Map<string, number>();
  record(id: string): void {
    this.counts.set(id, (this.counts.get(id) ?? 0) + 1);
  }
  get distinct(): number {
    return this.counts.size;
  }
  get duplicates(): number {
    let d = 0;
    for (const n of this.counts.values()) d += n - 1;
    return d;
  }
}
