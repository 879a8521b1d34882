import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@fleetward/platform';

/**
 * Lifecycle alerts are grouped: one incident per (organisation, kind, group key) holding its devices as members.
 * `member_count` is null for a single-subject incident (offline, degraded, site unreachable); `members_added` and
 * `members_removed` count every join and leave, and a notification group remembers the totals it last told about
 * (`group_member.told_added/told_removed`), so its digest says what changed since ("+1,200 devices, now 4,800")
 * without a flush ever writing the incident row (which would lock in the opposite order from event apply).
 * A device is in at most one open group per family (its warranty window, its firmware status, a replacement reason),
 * which the unique index enforces; members exist only while their incident is open.
 */
export class GroupedLifecycleIncidents1765100000000 implements MigrationInterface {
  name = 'GroupedLifecycleIncidents1765100000000';

  async up(q: QueryRunner): Promise<void> {
    const s = `"${schemaOf(q)}"`;
    await q.query(`ALTER TABLE ${s}.incident
      ADD COLUMN member_count integer,
      ADD COLUMN members_added integer NOT NULL DEFAULT 0,
      ADD COLUMN members_removed integer NOT NULL DEFAULT 0`);
    await q.query(`ALTER TABLE ${s}.group_member ADD COLUMN told_added integer, ADD COLUMN told_removed integer`);
    await q.query(`CREATE TABLE ${s}.incident_member (
      org_id text NOT NULL,
      incident_id uuid NOT NULL REFERENCES ${s}.incident(id) ON DELETE CASCADE,
      family text NOT NULL,
      device_id text NOT NULL,
      joined_at timestamptz NOT NULL,
      PRIMARY KEY (incident_id, device_id))`);
    await q.query(`CREATE UNIQUE INDEX incident_member_family_uq ON ${s}.incident_member (org_id, family, device_id)`);
    await q.query(`ALTER TABLE ${s}.incident_member ENABLE ROW LEVEL SECURITY`);
    await q.query(`ALTER TABLE ${s}.incident_member FORCE ROW LEVEL SECURITY`);
    await q.query(
      `CREATE POLICY incident_member_org ON ${s}.incident_member USING (org_id = current_setting('fleetward.org_id', true)) ` +
        `WITH CHECK (org_id = current_setting('fleetward.org_id', true))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    const s = `"${schemaOf(q)}"`;
    await q.query(`DROP TABLE IF EXISTS ${s}.incident_member`);
    await q.query(`ALTER TABLE ${s}.group_member DROP COLUMN told_added, DROP COLUMN told_removed`);
    await q.query(
      `ALTER TABLE ${s}.incident DROP COLUMN member_count, DROP COLUMN members_added, DROP COLUMN members_removed`,
    );
  }
}
