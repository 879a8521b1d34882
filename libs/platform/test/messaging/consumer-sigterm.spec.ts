import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { buildProject, expectEventually, type TestDatabase } from '@fleetward/platform/testing';
import type { ConsumedEvent } from '../../src/messaging/consumer-options.js';
import { DurableConsumer } from '../../src/messaging/durable-consumer.js';
import { EventPublisher } from '../../src/messaging/event-publisher.js';
import { Inbox } from '../../src/inbox/inbox.js';
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

jest.setTimeout(120_000);

const TOTAL = 3_000;
const here = import.meta.dirname;

describe('a worker process receiving SIGTERM while events flow', () => {
  let nats: NatsClient;
  let db: TestDatabase;
  const org = testOrg();

  beforeAll(async () => {
    buildProject(path.resolve(here, '../..'));
    nats = await connectNats();
    db = await messagingDatabase();
    await db.ownerDataSource.query(`CREATE TABLE "${db.schema}".applied (event_id uuid NOT NULL, by text NOT NULL)`);
  });
  afterAll(async () => {
    await deleteConsumer(nats, org.durable);
    await db?.drop();
    await nats?.drain();
  });

  const count = async (sql: string): Promise<number> => {
    const [row] = await db.dataSource.query(sql.replace('applied', `"${db.schema}".applied`));
    return (row as { n: number }).n;
  };

  it('exits cleanly, and a restarted consumer applies everything exactly once', async () => {
    const child = spawn(process.execPath, [path.join(here, 'support/sigterm-worker.mjs')], {
      env: {
        PATH: process.env['PATH'],
        NATS_URL,
        DATABASE_URL: db.appUrl,
        DB_SCHEMA: db.schema,
        ORG_ID: org.orgId,
        DURABLE: org.durable,
        EVENT_TYPE: thingHappened.type,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
      child.once('exit', (code, signal) => resolve({ code, signal })),
    );
    try {
      await expectEventually(() => expect(output).toContain('ready'), { timeoutMs: 30_000 });
    } catch (err) {
      child.kill('SIGKILL');
      throw new Error(`worker did not start: ${output}`, { cause: err });
    }
    const dlq = watchDeadLetters(nats.nc, org.durable);

    const events = things(org.orgId, TOTAL);
    const publisher = new EventPublisher(nats);
    const publishing = (async () => {
      for (let i = 0; i < TOTAL; i += 100) await publisher.publishMany(events.slice(i, i + 100));
    })();
    await expectEventually(
      async () => expect(await count(`SELECT count(*)::int AS n FROM applied`)).toBeGreaterThan(300),
      {
        timeoutMs: 30_000,
      },
    );
    child.kill('SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    const exit = await Promise.race([
      exited,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no exit after SIGTERM: ${output}`)), 20_000);
      }),
    ]).finally(() => clearTimeout(timer));
    expect(output).toContain('consumer stopped');
    // Nest re-raises the signal once the app has closed.
    expect(exit.code === 0 || exit.signal === 'SIGTERM').toBe(true);
    const byChild = await count(`SELECT count(*)::int AS n FROM applied`);

    const restarted = new DurableConsumer(nats);
    await restarted.start({
      ...org,
      events: [thingHappened],
      ackWaitMs: 2_000,
      batch: 100,
      handleBatch: (batch: ConsumedEvent[]) =>
        db.dataSource.transaction(async (m) => {
          const fresh = await Inbox.claim(
            m,
            org.durable,
            batch.map((e) => e.envelope.id),
          );
          await m.query(
            `INSERT INTO "${db.schema}".applied (event_id, by) SELECT id, 'restarted' FROM unnest($1::uuid[]) AS id`,
            [[...fresh]],
          );
        }),
    });
    await publishing;
    try {
      await expectEventually(
        async () => expect(await count(`SELECT count(DISTINCT event_id)::int AS n FROM applied`)).toBe(TOTAL),
        {
          timeoutMs: 45_000,
        },
      );
    } finally {
      await restarted.stop();
      dlq.stop();
    }
    expect(await count(`SELECT count(*)::int AS n FROM applied`)).toBe(TOTAL);
    expect(byChild).toBeGreaterThan(300);
    expect(byChild).toBeLessThan(TOTAL);
    expect(dlq.letters).toHaveLength(0);
  });
});
