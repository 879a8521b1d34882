import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@fleetward/platform';

const ORG_TABLES = ['device_directory', 'state_interval'];

/**
 * Health tables. Liveness itself lives in Redis (written per heartbeat); Postgres keeps what must last: the devices
 * the inventory told us to expect (to describe them in events) and the offline intervals uptime is computed from,
 * written on transitions only.
 */
export class HealthSchema1764226000000 implements MigrationInterface {
  name = 'HealthSchema1764226000000';

  async up(q: QueryRunner): Promise<void> {
    const s = `"${schemaOf(q)}"`;
    await q.query(`CREATE TABLE ${s}.device_directory (
      org_id text NOT NULL,
      device_id text NOT NULL,
      site_id text,
      site_path text[] NOT NULL DEFAULT '{}',
      name text NOT NULL,
      type text NOT NULL,
      tags text[] NOT NULL DEFAULT '{}',
      status text NOT NULL,
      updated_at timestamptz NOT NULL,
      PRIMARY KEY (org_id, device_id))`);
    await q.query(`CREATE TABLE ${s}.state_interval (
      id uuid PRIMARY KEY,
      org_id text NOT NULL,
      device_id text NOT NULL,
      site_id text,
      state text NOT NULL,
      cause text NOT NULL,
      started_at timestamptz NOT NULL,
      ended_at timestamptz,
      CHECK (ended_at IS NULL OR ended_at >= started_at))`);
    await q.query(`CREATE INDEX state_interval_device_idx ON ${s}.state_interval (org_id, device_id, started_at)`);
    await q.query(`CREATE INDEX state_interval_site_idx ON ${s}.state_interval (org_id, site_id, started_at)`);
    // at most one open interval per device: a repeated transition cannot open a second one
    await q.query(
      `CREATE UNIQUE INDEX state_interval_open_uq ON ${s}.state_interval (org_id, device_id) WHERE ended_at IS NULL`,
    );
    for (const t of ORG_TABLES) {
      await q.query(`ALTER TABLE ${s}.${t} ENABLE ROW LEVEL SECURITY`);
      await q.query(`ALTER TABLE ${s}.${t} FORCE ROW LEVEL SECURITY`);
      await q.query(
        `CREATE POLICY ${t}_org ON ${s}.${t} USING (org_id = current_setting('fleetward.org_id', true)) ` +
          `WITH CHECK (org_id = current_setting('fleetward.org_id', true))`,
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    const s = `"${schemaOf(q)}"`;
    await q.query(`DROP TABLE ${s}.state_interval`);
    await q.query(`DROP TABLE ${s}.device_directory`);
  }
}
