import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@fleetward/platform';

/**
 * What lifecycle's events say about a device (the contracts' device reference: name, serial, site path, team, tags)
 * and which policy produced a plan item, so events are built from lifecycle's own tables without asking inventory.
 */
export class DeviceRefAndItemPolicy1764230100000 implements MigrationInterface {
  name = 'DeviceRefAndItemPolicy1764230100000';

  async up(q: QueryRunner): Promise<void> {
    const s = `"${schemaOf(q)}"`;
    await q.query(`ALTER TABLE ${s}.device
      ADD COLUMN name text NOT NULL DEFAULT '',
      ADD COLUMN serial text NOT NULL DEFAULT '',
      ADD COLUMN site_path text[] NOT NULL DEFAULT '{}',
      ADD COLUMN owner_team text,
      ADD COLUMN tags text[] NOT NULL DEFAULT '{}'`);
    await q.query(`ALTER TABLE ${s}.replacement_item ADD COLUMN policy_id uuid`);
    // The organisations lifecycle has heard of, without RLS: a catalog event must reach every organisation.
    await q.query(
      `CREATE TABLE ${s}.known_org (org_id text PRIMARY KEY, first_seen_at timestamptz NOT NULL DEFAULT now())`,
    );
    await q.query(`CREATE TABLE ${s}.org_evaluation (
      org_id text PRIMARY KEY,
      evaluated_at timestamptz NOT NULL)`);
    await q.query(`ALTER TABLE ${s}.org_evaluation ENABLE ROW LEVEL SECURITY`);
    await q.query(`ALTER TABLE ${s}.org_evaluation FORCE ROW LEVEL SECURITY`);
    await q.query(
      `CREATE POLICY org_evaluation_org ON ${s}.org_evaluation USING (org_id = current_setting('fleetward.org_id', true)) ` +
        `WITH CHECK (org_id = current_setting('fleetward.org_id', true))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    const s = `"${schemaOf(q)}"`;
    await q.query(`DROP TABLE IF EXISTS ${s}.org_evaluation`);
    await q.query(`DROP TABLE IF EXISTS ${s}.known_org`);
    await q.query(`ALTER TABLE ${s}.replacement_item DROP COLUMN IF EXISTS policy_id`);
    await q.query(`ALTER TABLE ${s}.device DROP COLUMN name, DROP COLUMN serial, DROP COLUMN site_path,
      DROP COLUMN owner_team, DROP COLUMN tags`);
  }
}
