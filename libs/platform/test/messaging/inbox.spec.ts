import { afterAll, afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { expectEventually, uniqueId, type TestDatabase } from '@fleetward/platform/testing';
import { Inbox } from '../../src/inbox/inbox.js';
import { InboxPruner } from '../../src/inbox/inbox-pruner.js';
import { DurableConsumer } from '../../src/messaging/durable-consumer.js';
import { toOutgoingMessage } from '../../src/messaging/outgoing-message.js';
import { publishBatch } from '../../src/messaging/publish-batch.js';
import type { NatsClient } from '../../src/nats/nats-client.js';
import { connectNats, deleteConsumer, messagingDatabase, testOrg, thingHappened, things } from './support/fixtures.js';

jest.setTimeout(30_000);

describe('inbox', () => {
  let nats: NatsClient;
  let db: TestDatabase;
  const cleanups: Array<() => unknown> = [];

  beforeAll(async () => {
    nats = await connectNats();
    db = await messagingDatabase();
    await db.ownerDataSource.query(`CREATE TABLE "${db.schema}".totals (org_id text PRIMARY KEY, total int NOT NULL)`);
  });
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });
  afterAll(async () => {
    await db?.drop();
    await nats?.drain();
  });

  async function total(orgId: string): Promise<number | undefined> {
    const rows: Array<{ total: number }> = await db.dataSource.query(
      `SELECT total FROM "${db.schema}".totals WHERE org_id = $1`,
      [orgId],
    );
    return rows[0]?.total;
  }

  it('is true once per consumer and event, also for two concurrent transactions', async () => {
    const [event] = things('org_a', 1);
    const consumer = uniqueId('c');
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const first = db.dataSource.transaction(async (m) => {
      const fresh = await Inbox.once(m, consumer, event!.id);
      await held;
      return fresh;
    });
    const inserting = `INSERT INTO "${db.schema}".inbox%`;
    const sessions = async (waiting: boolean): Promise<number> => {
      const [row] = await db.ownerDataSource.query(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE query LIKE $1 AND (wait_event_type = 'Lock') = $2`,
        [inserting, waiting],
      );
      return (row as { n: number }).n;
    };
    await expectEventually(async () => expect(await sessions(false)).toBe(1));
    const second = db.dataSource.transaction((m) => Inbox.once(m, consumer, event!.id));
    // The second insert is blocked on the first transaction's row until that one commits.
    await expectEventually(async () => expect(await sessions(true)).toBe(1));
    release();
    expect((await Promise.all([first, second])).sort()).toEqual([false, true]);
    expect(await db.dataSource.transaction((m) => Inbox.once(m, uniqueId('other'), event!.id))).toBe(true);
  });

  it('claims a batch in one statement', async () => {
    const consumer = uniqueId('c');
    const ids = things('org_b', 4).map((e) => e.id);
    const first = await db.dataSource.transaction((m) => Inbox.claim(m, consumer, ids.slice(0, 2)));
    const second = await db.dataSource.transaction((m) => Inbox.claim(m, consumer, ids));
    expect([...first].sort()).toEqual(ids.slice(0, 2).sort());
    expect([...second].sort()).toEqual(ids.slice(2).sort());
  });

  it('forgets records older than the retention, in small batches, and keeps the rest', async () => {
    const consumer = uniqueId('c');
    const ids = things('org_b', 5).map((e) => e.id);
    await db.dataSource.transaction((m) => Inbox.claim(m, consumer, ids));
    await db.ownerDataSource.query(
      `UPDATE "${db.schema}".inbox SET processed_at = now() - interval '40 days' WHERE event_id = ANY($1)`,
      [ids.slice(0, 3)],
    );
    const pruner = new InboxPruner(db.dataSource, { retentionDays: 31, batchSize: 2 });
    expect(await pruner.pruneNow()).toBeGreaterThanOrEqual(3);
    const left: Array<{ event_id: string }> = await db.dataSource.query(
      `SELECT event_id FROM "${db.schema}".inbox WHERE consumer = $1`,
      [consumer],
    );
    expect(left.map((r) => r.event_id).sort()).toEqual(ids.slice(3).sort());
    // a forgotten event would be applied again: only safe because the stream no longer holds it
    expect(await db.dataSource.transaction((m) => Inbox.once(m, consumer, ids[0]!))).toBe(true);
    expect(await db.dataSource.transaction((m) => Inbox.once(m, consumer, ids[4]!))).toBe(false);
  });

  it('a consumer that receives the same event twice applies it once', async () => {
    const org = testOrg();
    const [event] = things(org.orgId, 1);
    let calls = 0;
    let lostAck = true;
    const consumer = new DurableConsumer(nats);
    await consumer.start({
      ...org,
      events: [thingHappened],
      backoffMs: [10],
      handle: async (envelope) => {
        calls++;
        await db.dataSource.transaction(async (m) => {
          if (!(await Inbox.once(m, org.durable, envelope.id))) return;
          await m.query(
            `INSERT INTO "${db.schema}".totals (org_id, total) VALUES ($1, 1)
             ON CONFLICT (org_id) DO UPDATE SET total = totals.total + 1`,
            [envelope.orgId],
          );
        });
        // The first time, the work commits but the ack never makes it: the message comes back.
        if (lostAck) {
          lostAck = false;
          throw new Error('connection reset before ack');
        }
      },
    });
    cleanups.push(
      () => deleteConsumer(nats, org.durable),
      () => consumer.stop(),
    );

    // And the publisher sends it again after JetStream's duplicate window (a different msgID defeats the window).
    const message = toOutgoingMessage(event!);
    await publishBatch(nats.nc, [message, { ...message, id: `${message.id}-resent` }], 2);

    await expectEventually(() => expect(calls).toBe(3));
    await expectEventually(async () => {
      const info = await nats.jsm.consumers.info(org.stream, org.durable);
      expect(info.num_pending + info.num_ack_pending).toBe(0);
    });
    expect(await total(org.orgId)).toBe(1);
  });
});
