import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { runMigrations } from '../../src/database/index.js';
import { testDatabase, type TestDatabase } from '../../src/testing/index.js';

class Gadgets1700000000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE gadget (id bigint PRIMARY KEY, name text NOT NULL)`);
  }
  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE gadget`);
  }
}

/** The documented way to build an index on a big table without locking writes (docs/operations.md). */
class GadgetNameIndex1700000000001 implements MigrationInterface {
  readonly transaction = false;
  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX CONCURRENTLY IF NOT EXISTS gadget_name ON gadget (name)`);
  }
  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX CONCURRENTLY IF EXISTS gadget_name`);
  }
}

describe('a migration that builds an index concurrently', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await testDatabase();
  });
  afterAll(() => db?.drop());

  it('runs outside a transaction when it declares transaction = false; without it Postgres refuses', async () => {
    class InTransaction1700000000001 extends GadgetNameIndex1700000000001 {
      override readonly transaction = undefined as unknown as false;
    }
    await expect(
      runMigrations({
        databaseUrl: db.ownerUrl,
        schema: db.schema,
        migrations: [Gadgets1700000000000, InTransaction1700000000001],
      }),
    ).rejects.toThrow(/CONCURRENTLY cannot run inside a transaction block/);

    await runMigrations({
      databaseUrl: db.ownerUrl,
      schema: db.schema,
      migrations: [Gadgets1700000000000, GadgetNameIndex1700000000001],
    });
    const rows = await db.dataSource.query(`SELECT indisvalid FROM pg_index WHERE indexrelid = to_regclass($1)`, [
      `${db.schema}.gadget_name`,
    ]);
    expect(rows).toEqual([{ indisvalid: true }]);
  });
});
