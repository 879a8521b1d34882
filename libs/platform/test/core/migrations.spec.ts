import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Column, Entity, PrimaryColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { runMigrations, schemaOf, withOrg } from '../../src/database/index.js';
import { schemaDrift, testDatabase, uniqueId, type TestDatabase } from '../../src/testing/index.js';

class WidgetsAndAudit1700000000000 implements MigrationInterface {
  name = 'WidgetsAndAudit1700000000000';
  async up(qr: QueryRunner): Promise<void> {
    const s = schemaOf(qr);
    await qr.query(`CREATE TABLE "${s}".widgets (id text PRIMARY KEY, org_id text NOT NULL, label text NOT NULL)`);
    await qr.query(`ALTER TABLE "${s}".widgets ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY`);
    await qr.query(`CREATE POLICY org_isolation ON "${s}".widgets
      USING (org_id = current_setting('fleetward.org_id', true)) WITH CHECK (org_id = current_setting('fleetward.org_id', true))`);
    await qr.query(`CREATE TABLE "${s}".audit (id bigserial PRIMARY KEY, what text NOT NULL)`);
    await qr.query(`REVOKE UPDATE, DELETE ON "${s}".audit FROM fleetward_app`);
  }
  async down(qr: QueryRunner): Promise<void> {
    const s = schemaOf(qr);
    await qr.query(`DROP TABLE "${s}".audit; DROP TABLE "${s}".widgets`);
  }
}

@Entity({ name: 'widgets' })
class Widget {
  @PrimaryColumn({ type: 'text' }) id!: string;
  @Column({ name: 'org_id', type: 'text' }) orgId!: string;
  @Column({ type: 'text' }) label!: string;
}

@Entity({ name: 'widgets' })
class WidgetWithColour {
  @PrimaryColumn({ type: 'text' }) id!: string;
  @Column({ name: 'org_id', type: 'text' }) orgId!: string;
  @Column({ type: 'text' }) label!: string;
  @Column({ type: 'text' }) colour!: string;
}

describe('runMigrations', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await testDatabase();
  });
  afterAll(() => db.drop());

  it('gives a fresh schema the platform tables, and applies a service migration exactly once', async () => {
    const tables = await db.ownerDataSource.query(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY 1`,
      [db.schema],
    );
    expect(tables.map((t: { table_name: string }) => t.table_name)).toEqual(['inbox', 'migrations', 'outbox']);
    const first = await runMigrations({
      databaseUrl: db.ownerUrl,
      schema: db.schema,
      migrations: [WidgetsAndAudit1700000000000],
    });
    expect(first.map((m) => m.name)).toEqual(['WidgetsAndAudit1700000000000']);
    const again = await runMigrations({
      databaseUrl: db.ownerUrl,
      schema: db.schema,
      migrations: [WidgetsAndAudit1700000000000],
    });
    expect(again).toEqual([]);
  });

  it('gives the app role DML on new tables, keeps narrowed grants narrow, and owns nothing', async () => {
    const org = uniqueId('org');
    await withOrg(db.dataSource, org, async (m) => {
      await m.query(`INSERT INTO widgets (id, org_id, label) VALUES ('w1', $1, 'door')`, [org]);
      await m.query(`UPDATE widgets SET label = 'gate' WHERE id = 'w1'`);
      await m.query(`INSERT INTO audit (what) VALUES ('renamed w1')`);
    });
    await expect(db.dataSource.query(`UPDATE audit SET what = 'forged'`)).rejects.toThrow(/permission denied/);
    await expect(db.dataSource.query(`DELETE FROM audit`)).rejects.toThrow(/permission denied/);
    await expect(db.dataSource.query(`CREATE TABLE sneaky (id int)`)).rejects.toThrow(/permission denied/);
    const owned = await db.ownerDataSource.query(
      `SELECT tablename FROM pg_tables WHERE schemaname = $1 AND tableowner = 'fleetward_app'`,
      [db.schema],
    );
    expect(owned).toEqual([]);
  });

  it('lets the app role use the outbox and inbox', async () => {
    await db.dataSource.query(
      `INSERT INTO outbox (id, subject, payload) VALUES (gen_random_uuid(), 'fleet.evt.x.y.v1', '{}'::jsonb)`,
    );
    expect(await db.dataSource.query('SELECT count(*)::int AS n FROM outbox')).toEqual([{ n: 1 }]);
  });
});

describe('schemaDrift', () => {
  it('is empty when entities and migrations agree', async () => {
    expect(await schemaDrift({ entities: [Widget], migrations: [WidgetsAndAudit1700000000000] })).toEqual([]);
  });

  it('lists what the migrations lack', async () => {
    const drift = await schemaDrift({ entities: [WidgetWithColour], migrations: [WidgetsAndAudit1700000000000] });
    expect(drift.join('\n')).toMatch(/ADD "colour" text NOT NULL/);
  });
});
