import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@fleetward/platform';
import { REBUILD_FIRMWARE_POSITION } from '../catalog/firmware-position.sql.js';

/**
 * A catalog position knows its release's track (an LTS device is behind only its own track) and line (as the catalog
 * names it). `firmware_position` is derived from the catalog, so it is rebuilt with the current statement.
 */
export class FirmwarePositionTrack1764230300000 implements MigrationInterface {
  name = 'FirmwarePositionTrack1764230300000';

  async up(q: QueryRunner): Promise<void> {
    const s = `"${schemaOf(q)}"`;
    await q.query(`ALTER TABLE ${s}.firmware_position ADD COLUMN track text, ADD COLUMN line text`);
    await q.query(`DELETE FROM ${s}.firmware_position`);
    await q.query(REBUILD_FIRMWARE_POSITION);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "${schemaOf(q)}".firmware_position DROP COLUMN track, DROP COLUMN line`);
  }
}
