import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@fleetward/platform';

/**
 * The daily evaluation's schedule: one row per organisation, claimed by whichever replica gets it first (no RLS: the
 * claim looks across organisations, like known_org). Organisations already known are due at once, so the first run
 * after this migration catches up on every date that passed while nothing was evaluated on time.
 */
export class EvaluationSchedule1764230400000 implements MigrationInterface {
  name = 'EvaluationSchedule1764230400000';

  async up(q: QueryRunner): Promise<void> {
    const s = `"${schemaOf(q)}"`;
    await q.query(`CREATE TABLE ${s}.evaluation_schedule (
      org_id text PRIMARY KEY,
      next_due_at timestamptz NOT NULL,
      lease_token uuid,
      leased_by text,
      lease_until timestamptz,
      attempts integer NOT NULL DEFAULT 0,
      runs integer NOT NULL DEFAULT 0,
      last_run_at timestamptz,
      last_error text)`);
    await q.query(`CREATE INDEX evaluation_schedule_due_idx ON ${s}.evaluation_schedule (next_due_at)`);
    await q.query(
      `INSERT INTO ${s}.evaluation_schedule (org_id, next_due_at) SELECT org_id, now() FROM ${s}.known_org`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS "${schemaOf(q)}".evaluation_schedule`);
  }
}
