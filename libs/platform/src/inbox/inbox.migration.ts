import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '../database/schema-of.js';
import { quoteIdent } from '../outbox/outbox-sql.js';

/** `inbox`: one row per (consumer, event) already applied, written in the transaction that applied it. */
export class PlatformInbox1795600000001 implements MigrationInterface {
  name = 'PlatformInbox1795600000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = quoteIdent(schemaOf(queryRunner));
    await queryRunner.query(`CREATE SCHEMA IF NOT EXISTS ${s}`);
    await queryRunner.query(`
      CREATE TABLE ${s}.inbox (
        consumer text NOT NULL,
        event_id uuid NOT NULL,
        processed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (consumer, event_id)
      )`);
    await queryRunner.query(`CREATE INDEX inbox_processed_at_idx ON ${s}.inbox (processed_at)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE IF EXISTS ${quoteIdent(schemaOf(queryRunner))}.inbox`);
  }
}
