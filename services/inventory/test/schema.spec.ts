import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { testDatabase, type TestDatabase } from '@fleetward/platform/testing';
import { entities } from '../src/entities.js';
import { migrations } from '../src/migrations/index.js';

describe('inventory schema', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await testDatabase({ entities, migrations });
  });
  afterAll(async () => {
    await db.drop();
  });

  it('entities and migrations agree (the schema builder has nothing to change)', async () => {
    const pending = await db.ownerDataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('forces row-level security on every inventory table', async () => {
    const rows: { relname: string; relrowsecurity: boolean; relforcerowsecurity: boolean }[] =
      await db.ownerDataSource.query(
        `SELECT c.relname, c.relrowsecurity, c.relforcerowsecurity FROM pg_class c
       JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relkind = 'r' AND c.relname <> ALL($2)`,
        [db.schema, ['migrations', 'outbox', 'inbox', 'org_directory']],
      );
    const tables = db.ownerDataSource.entityMetadatas
      .map((m) => m.tableName)
      .filter((t) => t !== 'org_directory')
      .sort();
    const secured = rows
      .filter((r) => r.relrowsecurity && r.relforcerowsecurity)
      .map((r) => r.relname)
      .sort();
    expect(secured).toEqual(expect.arrayContaining(tables));
  });
});
