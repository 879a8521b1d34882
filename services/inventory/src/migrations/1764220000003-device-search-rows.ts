import type { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_ROLE, schemaOf } from '@fleetward/platform';

/**
 * Free-text matches as whole rows, for a page of them. With only the ids (`device_search_ids`), a page over a broad
 * match fetched every matching device again by id before sorting and cutting it (10,000 index lookups for a page of
 * 50: ~110 of ~185 ms at 1M devices). The trigram scan reads those rows anyway; returning them lets the page filter,
 * sort and cut them directly. Same organisation filter as `device_search_ids` (see its migration for why a
 * security-definer function); the ids function stays for counts.
 */
export class DeviceSearchRows1764220000003 implements MigrationInterface {
  name = 'DeviceSearchRows1764220000003';

  async up(q: QueryRunner): Promise<void> {
    const s = `"${schemaOf(q)}"`;
    await q.query(`CREATE FUNCTION ${s}.device_search_rows(pattern text) RETURNS SETOF ${s}.device
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = ${s}, pg_temp AS $$
        SELECT d.* FROM ${s}.device d
        WHERE d.org_id = current_setting('fleetward.org_id', true)
          AND (d.name || ' ' || d.serial || ' ' || coalesce(d.ip, '') || ' ' || coalesce(d.mac, '')) ILIKE pattern
      $$`);
    await q.query(`REVOKE ALL ON FUNCTION ${s}.device_search_rows(text) FROM PUBLIC`);
    await q.query(`GRANT EXECUTE ON FUNCTION ${s}.device_search_rows(text) TO "${APP_ROLE}"`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION IF EXISTS "${schemaOf(q)}".device_search_rows(text)`);
  }
}
