import type { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_ROLE, schemaOf } from '@fleetward/platform';

/**
 * Free-text device search that can use the trigram index. Under row-level security Postgres refuses to evaluate a
 * non-leakproof operator such as ILIKE before the policy, so `ILIKE` on the device table is always a scan of every
 * row of the organisation. This function runs as the migration owner (which bypasses RLS when it is a superuser or
 * BYPASSRLS role) and applies the very same organisation filter itself, from the same transaction setting the
 * policies read. With an owner subject to RLS it stays correct, only slower.
 */
export class DeviceSearch1764220000001 implements MigrationInterface {
  name = 'DeviceSearch1764220000001';

  async up(q: QueryRunner): Promise<void> {
    const s = `"${schemaOf(q)}"`;
    await q.query(`CREATE FUNCTION ${s}.device_search_ids(pattern text) RETURNS SETOF uuid
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = ${s}, pg_temp AS $$
        SELECT d.id FROM ${s}.device d
        WHERE d.org_id = current_setting('fleetward.org_id', true)
          AND (d.name || ' ' || d.serial || ' ' || coalesce(d.ip, '') || ' ' || coalesce(d.mac, '')) ILIKE pattern
      $$`);
    await q.query(`REVOKE ALL ON FUNCTION ${s}.device_search_ids(text) FROM PUBLIC`);
    await q.query(`GRANT EXECUTE ON FUNCTION ${s}.device_search_ids(text) TO "${APP_ROLE}"`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION IF EXISTS "${schemaOf(q)}".device_search_ids(text)`);
  }
}
