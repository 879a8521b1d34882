import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '../database/schema-of.js';
import { outboxChannel, quoteIdent } from './outbox-sql.js';

/**
 * `outbox`: events written in the same transaction as the state change, published by the `OutboxRelay`.
 * `seq` keeps the publish order of one service; a statement trigger notifies the relays when a transaction commits.
 */
export class PlatformOutbox1795600000000 implements MigrationInterface {
  name = 'PlatformOutbox1795600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const schema = schemaOf(queryRunner);
    const s = quoteIdent(schema);
    await queryRunner.query(`CREATE SCHEMA IF NOT EXISTS ${s}`);
    await queryRunner.query(`
      CREATE TABLE ${s}.outbox (
        id uuid PRIMARY KEY,
        seq bigint GENERATED ALWAYS AS IDENTITY,
        subject text NOT NULL,
        payload jsonb NOT NULL,
        headers jsonb NOT NULL DEFAULT '{}'::jsonb,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX outbox_seq_idx ON ${s}.outbox (seq)`);
    await queryRunner.query(`
      CREATE FUNCTION ${s}.outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify(${quoteLiteral(outboxChannel(schema))}, '');
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER outbox_notify AFTER INSERT ON ${s}.outbox
      FOR EACH STATEMENT EXECUTE FUNCTION ${s}.outbox_notify()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = quoteIdent(schemaOf(queryRunner));
    await queryRunner.query(`DROP TABLE IF EXISTS ${s}.outbox`);
    await queryRunner.query(`DROP FUNCTION IF EXISTS ${s}.outbox_notify()`);
  }
}

function quoteLiteral(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}
