import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@fleetward/platform';

/**
 * The newest liveness transition applied per device or site and pair of events (offline/online, degraded/restored,
 * unreachable/recovered): with two replicas consuming, a device.online may be applied before the device.offline it
 * ends; the older one must then change nothing (no incident left open for a device that is back).
 */
export class LivenessOrder1765200000000 implements MigrationInterface {
  name = 'LivenessOrder1765200000000';

  async up(q: QueryRunner): Promise<void> {
    const s = `"${schemaOf(q)}"`;
    await q.query(`CREATE TABLE ${s}.liveness_order (
      org_id text NOT NULL,
      subject_key text NOT NULL,
      pair text NOT NULL,
      last_at timestamptz NOT NULL,
      PRIMARY KEY (org_id, subject_key, pair))`);
    await q.query(`ALTER TABLE ${s}.liveness_order ENABLE ROW LEVEL SECURITY`);
    await q.query(`ALTER TABLE ${s}.liveness_order FORCE ROW LEVEL SECURITY`);
    await q.query(
      `CREATE POLICY liveness_order_org ON ${s}.liveness_order USING (org_id = current_setting('fleetward.org_id', true)) ` +
        `WITH CHECK (org_id = current_setting('fleetward.org_id', true))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS "${schemaOf(q)}".liveness_order`);
  }
}
