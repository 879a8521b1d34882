import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@fleetward/platform';

/**
 * When events last changed an organisation's projection: a batch of device events re-evaluates the compliance of
 * its own devices at once, and asks for the organisation-wide evaluation (the replacement plan, whose annual cap
 * ties every device to the others) a moment later through the schedule, so a 100k-device import costs a few plan
 * evaluations instead of one per batch. A run that started before the last change is followed by another.
 */
export class EvaluationChangedAt1764230500000 implements MigrationInterface {
  name = 'EvaluationChangedAt1764230500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "${schemaOf(q)}".evaluation_schedule ADD COLUMN changed_at timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "${schemaOf(q)}".evaluation_schedule DROP COLUMN changed_at`);
  }
}
