import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@fleetward/platform';

/**
 * The replacement item audit, written once per statement from its transition tables instead of once per row: a
 * fleet-wide plan update that creates or moves 200k items writes their audit rows in one set-based INSERT.
 */
export class SetBasedItemAudit1764230200000 implements MigrationInterface {
  name = 'SetBasedItemAudit1764230200000';

  async up(q: QueryRunner): Promise<void> {
    const s = `"${schemaOf(q)}"`;
    const actor = `coalesce(nullif(current_setting('fleetward.actor', true), ''), 'system')`;
    await q.query(`DROP TRIGGER replacement_item_audit_trg ON ${s}.replacement_item`);
    await q.query(`DROP FUNCTION ${s}.replacement_item_audit_fn()`);
    await q.query(`CREATE FUNCTION ${s}.replacement_item_audit_insert_fn() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO ${s}.replacement_item_audit (org_id, item_id, from_state, to_state, reason, actor)
        SELECT n.org_id, n.id, NULL, n.state, n.state_reason, ${actor} FROM new_rows n;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE FUNCTION ${s}.replacement_item_audit_update_fn() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO ${s}.replacement_item_audit (org_id, item_id, from_state, to_state, reason, actor)
        SELECT n.org_id, n.id, o.state, n.state, n.state_reason, ${actor}
        FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE n.state IS DISTINCT FROM o.state;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER replacement_item_audit_insert_trg AFTER INSERT ON ${s}.replacement_item
      REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ${s}.replacement_item_audit_insert_fn()`);
    await q.query(`CREATE TRIGGER replacement_item_audit_update_trg AFTER UPDATE ON ${s}.replacement_item
      REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT
      EXECUTE FUNCTION ${s}.replacement_item_audit_update_fn()`);
  }

  async down(q: QueryRunner): Promise<void> {
    const s = `"${schemaOf(q)}"`;
    await q.query(`DROP TRIGGER replacement_item_audit_insert_trg ON ${s}.replacement_item`);
    await q.query(`DROP TRIGGER replacement_item_audit_update_trg ON ${s}.replacement_item`);
    await q.query(`DROP FUNCTION ${s}.replacement_item_audit_insert_fn()`);
    await q.query(`DROP FUNCTION ${s}.replacement_item_audit_update_fn()`);
  }
}
