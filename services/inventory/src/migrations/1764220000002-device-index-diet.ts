import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@fleetward/platform';

/**
 * Every index costs each inserted device an entry (and its WAL): a 100k-row import wrote ~750 MB of WAL, most of it
 * index pages. These three served no query: `vendor_key` is the leading column after `org_id` of the unique
 * (org_id, vendor_key, serial) index, and type / status have a handful of values each, so a page filtered by them
 * walks the sort column's index and filters (a bitmap over a third of the fleet then a sort is what they offered).
 */
export class DeviceIndexDiet1764220000002 implements MigrationInterface {
  name = 'DeviceIndexDiet1764220000002';

  async up(q: QueryRunner): Promise<void> {
    const s = `"${schemaOf(q)}"`;
    for (const idx of ['device_org_type_f_idx', 'device_org_status_f_idx', 'device_org_vendor_key_f_idx'])
      await q.query(`DROP INDEX IF EXISTS ${s}.${idx}`);
  }

  async down(q: QueryRunner): Promise<void> {
    const s = `"${schemaOf(q)}"`;
    for (const col of ['type', 'status', 'vendor_key'])
      await q.query(`CREATE INDEX IF NOT EXISTS device_org_${col}_f_idx ON ${s}.device (org_id, ${col})`);
  }
}
