import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@fleetward/platform';

/**
 * What health needs to rebuild its Redis state from Postgres after Redis lost it: each expected device's resolved
 * threshold and interval (nullable: rows written before this migration get them with the device's next event), and
 * the organisations it knows (global, no org policy: a rebuild walks every organisation, one `withOrg` each).
 */
export class RebuildSource1764226200000 implements MigrationInterface {
  name = 'RebuildSource1764226200000';

  async up(q: QueryRunner): Promise<void> {
    const s = `"${schemaOf(q)}"`;
    await q.query(`ALTER TABLE ${s}.device_directory ADD COLUMN threshold_ms integer, ADD COLUMN interval_ms integer`);
    await q.query(
      `CREATE TABLE ${s}.known_org (org_id text PRIMARY KEY, first_seen_at timestamptz NOT NULL DEFAULT now())`,
    );
    // sees every row only when the migrating role bypasses row-level security; otherwise the next event adds the org
    await q.query(
      `INSERT INTO ${s}.known_org (org_id) SELECT DISTINCT org_id FROM ${s}.device_directory ON CONFLICT DO NOTHING`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    const s = `"${schemaOf(q)}"`;
    await q.query(`DROP TABLE ${s}.known_org`);
    await q.query(`ALTER TABLE ${s}.device_directory DROP COLUMN threshold_ms, DROP COLUMN interval_ms`);
  }
}
