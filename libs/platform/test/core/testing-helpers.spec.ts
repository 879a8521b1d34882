import { describe, expect, it } from '@jest/globals';
import { Streams } from '@fleetward/contracts';
import { jetstreamManager } from '@nats-io/jetstream';
import { connectTestNats, ensureStreams, expectEventually, testDatabase, uniqueId } from '../../src/testing/index.js';

describe('testing helpers', () => {
  it('expectEventually retries until the assertion holds, and rethrows the last failure at the deadline', async () => {
    let calls = 0;
    await expect(expectEventually(() => (++calls >= 3 ? 'done' : expect(calls).toBe(3)))).resolves.toBe('done');
    await expect(expectEventually(() => expect(1).toBe(2), { timeoutMs: 100 })).rejects.toThrow(/Expected: 2/);
  });

  it('uniqueId gives distinct subject-safe tokens', () => {
    const a = uniqueId('org');
    expect(a).toMatch(/^org_[0-9a-f]{12}$/);
    expect(uniqueId('org')).not.toBe(a);
  });

  it('testDatabase gives each call its own schema, with the app role able to use owner-created tables', async () => {
    const one = await testDatabase();
    const two = await testDatabase();
    try {
      expect(one.schema).not.toBe(two.schema);
      await one.ownerDataSource.query('CREATE TABLE things (id int PRIMARY KEY)');
      await one.dataSource.query('INSERT INTO things VALUES (1)');
      expect(await one.dataSource.query('SELECT id FROM things')).toEqual([{ id: 1 }]);
      await expect(two.dataSource.query('SELECT id FROM things')).rejects.toThrow(/does not exist/);
      await one.drop();
      const left = await two.ownerDataSource.query('SELECT 1 FROM information_schema.schemata WHERE schema_name = $1', [
        one.schema,
      ]);
      expect(left).toEqual([]);
    } finally {
      if (one.dataSource.isInitialized) await one.drop();
      await two.drop();
    }
  });

  it('ensureStreams creates the event and dead-letter streams idempotently', async () => {
    await ensureStreams();
    await ensureStreams();
    const nc = await connectTestNats();
    try {
      const jsm = await jetstreamManager(nc);
      const events = await jsm.streams.info(Streams.events.name);
      expect(events.config.subjects).toEqual(expect.arrayContaining(['fleet.evt.>', 'fleet.catalog.>']));
      const dlq = await jsm.streams.info(Streams.dlq.name);
      expect(dlq.config.subjects).toContain('fleet.dlq.>');
    } finally {
      await nc.close();
    }
  });
});
