import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { EntityManager } from 'typeorm';
import { withOrg } from '../../src/database/with-org.js';
import { testDatabase, uniqueId, type TestDatabase } from '../../src/testing/index.js';

describe('withOrg and row-level security (app role)', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await testDatabase();
    await db.ownerDataSource.query(`
      CREATE TABLE notes (id serial PRIMARY KEY, org_id text NOT NULL, body text NOT NULL);
      ALTER TABLE notes ENABLE ROW LEVEL SECURITY;
      ALTER TABLE notes FORCE ROW LEVEL SECURITY;
      CREATE POLICY org_isolation ON notes
        USING (org_id = current_setting('fleetward.org_id', true))
        WITH CHECK (org_id = current_setting('fleetward.org_id', true));`);
  });
  afterAll(() => db.drop());

  it('connects as fleetward_app, which can log in and cannot bypass RLS', async () => {
    const [me] = await db.dataSource.query(
      'SELECT current_user AS name, r.rolcanlogin, r.rolbypassrls, r.rolsuper FROM pg_roles r WHERE r.rolname = current_user',
    );
    expect(me).toEqual({ name: 'fleetward_app', rolcanlogin: true, rolbypassrls: false, rolsuper: false });
  });

  it('hides a row of org A from org B and refuses to write into another org', async () => {
    const orgA = uniqueId('org');
    const orgB = uniqueId('org');
    await withOrg(db.dataSource, orgA, (m) => m.query('INSERT INTO notes (org_id, body) VALUES ($1, $2)', [orgA, 'a']));

    const seenByA = await withOrg(db.dataSource, orgA, (m) => m.query('SELECT body FROM notes'));
    const seenByB = await withOrg(db.dataSource, orgB, (m) => m.query('SELECT body FROM notes'));
    const seenWithoutOrg = await db.dataSource.query('SELECT body FROM notes');
    expect(seenByA).toEqual([{ body: 'a' }]);
    expect(seenByB).toEqual([]);
    expect(seenWithoutOrg).toEqual([]);

    await expect(
      withOrg(db.dataSource, orgB, (m) => m.query('INSERT INTO notes (org_id, body) VALUES ($1, $2)', [orgA, 'x'])),
    ).rejects.toThrow(/row-level security/);
  });

  it('commits what fn wrote, rolls all of it back when fn throws, and nests transactions as savepoints', async () => {
    const org = uniqueId('org');
    const insert = (m: EntityManager, body: string) =>
      m.query('INSERT INTO notes (org_id, body) VALUES ($1, $2)', [org, body]);
    await expect(
      withOrg(db.dataSource, org, async (m) => {
        await insert(m, 'lost');
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    await withOrg(db.dataSource, org, async (m) => {
      await insert(m, 'kept');
      await m
        .transaction(async (inner) => {
          await insert(inner, 'inner, rolled back');
          throw new Error('inner');
        })
        .catch(() => undefined);
      await m.transaction((inner) => insert(inner, 'inner, kept'));
      // still this organisation's transaction after the savepoints
      await insert(m, 'after');
    });
    const bodies = await withOrg(db.dataSource, org, (m) => m.query('SELECT body FROM notes ORDER BY id'));
    expect(bodies.map((r: { body: string }) => r.body)).toEqual(['kept', 'inner, kept', 'after']);
  });

  it('takes an organisation id with quotes as a value, never as SQL', async () => {
    const org = `${uniqueId('org')}'); DROP TABLE notes; --`;
    await withOrg(db.dataSource, org, (m) => m.query('INSERT INTO notes (org_id, body) VALUES ($1, $2)', [org, 'q']));
    const [row] = await withOrg(db.dataSource, org, (m) =>
      m.query("SELECT current_setting('fleetward.org_id', true) AS org, count(*)::int AS n FROM notes"),
    );
    expect(row).toEqual({ org, n: 1 });
  });

  it('scopes the setting to the transaction', async () => {
    await withOrg(db.dataSource, uniqueId('org'), async () => undefined);
    await withOrg(db.dataSource, uniqueId('org'), async () => {
      throw new Error('rolled back');
    }).catch(() => undefined);
    // every pooled connection, not only the one that happens to come back first
    const rows = await Promise.all(
      Array.from({ length: 10 }, () => db.dataSource.query("SELECT current_setting('fleetward.org_id', true) AS org")),
    );
    for (const [row] of rows) expect(row.org === null || row.org === '').toBe(true);
  });
});
