import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@fleetward/platform';

/**
 * When events changed an organisation's projection (the first and the last change since its last evaluation): in a
 * large organisation a batch of device events re-evaluates the compliance of its own devices at once, and the
 * organisation-wide evaluation (the replacement plan, whose annual cap ties every device to the others) runs through
 * the schedule once the changes have paused, or at the latest a while after the first one, so a 100k-device import
 * costs one or a few plan evaluations instead of one per batch. A run that started before the last change is followed
 * by another.
 */
export class EvaluationChangedAt1764230500000 implements MigrationInterface {
  name = 'EvaluationChangedAt1764230500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "${schemaOf(q)}".evaluation_schedule ADD COLUMN changed_at timestamptz, ADD COLUMN pending_since timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "${schemaOf(q)}".evaluation_schedule DROP COLUMN changed_at, DROP COLUMN pending_since`);
  }
}
