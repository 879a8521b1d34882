import { rowsOf } from '@fleetward/platform';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DERIVE } from '../devices/device.repository.js';
import { TOKEN_HASH_SQL } from '../devices/device-token.js';
import { DEVICE_COLUMNS, type DeviceRow } from '../devices/device.row.js';
import type { CsvColumn } from './csv-columns.js';

/** Staging columns, in COPY order. */
export const STAGE_COLUMNS = [
  'row_number',
  'vendor',
  'vendor_key',
  'model',
  'type',
  'name',
  'serial',
  'mac',
  'ip',
  'hostname',
  'site_code',
  'firmware_version',
  'install_date',
  'purchase_date',
  'purchase_cost',
  'warranty_end',
  'owner_team',
  'status',
  'tags',
  'notes',
] as const;

/** What a present CSV column overwrites on an existing device (device column = expression over stage `s`). */
const UPDATES: Partial<Record<CsvColumn, [string, string]>> = {
  vendor: ['vendor', 's.vendor'],
  model: ['model', 's.model'],
  type: ['type', 's.type'],
  name: ['name', 'coalesce(s.name, s.serial)'],
  mac: ['mac', 's.mac'],
  ip: ['ip', 's.ip'],
  hostname: ['hostname', 's.hostname'],
  site_code: ['site_id', 's.site_id'],
  firmware_version: ['firmware_version', 's.firmware_version'],
  install_date: ['install_date', 's.install_date'],
  purchase_date: ['purchase_date', 's.purchase_date'],
  purchase_cost: ['purchase_cost', 's.purchase_cost'],
  warranty_end: ['warranty_end_explicit', 's.warranty_end'],
  owner_team: ['owner_team', 's.owner_team'],
  status: ['status', 's.status'],
  tags: ['tags', 's.tags'],
  notes: ['notes', 's.notes'],
};

const MATCH = 'd.org_id = $1 AND d.vendor_key = s.vendor_key AND d.serial = s.serial';
type Rejected = { row: number; reason: string; raw: string | null };

/** Set-based SQL over the per-import temp table `import_stage` (dropped at commit). */
@Injectable()
export class ImportStageRepository {
  async create(m: EntityManager): Promise<void> {
    await m.query(`CREATE TEMP TABLE import_stage (
      row_number int PRIMARY KEY, vendor text, vendor_key text, model text, type text, name text, serial text, mac text,
      ip text, hostname text, site_code text, firmware_version text, install_date date, purchase_date date,
      purchase_cost numeric(14,2), warranty_end date, owner_team text, status text, tags text[], notes text,
      site_id text, model_id uuid, model_months int) ON COMMIT DROP`);
  }

  copySql(): string {
    return `COPY import_stage (${STAGE_COLUMNS.join(', ')}) FROM STDIN`;
  }

  /** Resolves site codes and models; rows naming an unknown site or a decommissioned device are taken out. */
  async resolve(m: EntityManager, orgId: string): Promise<Rejected[]> {
    await m.query(`ANALYZE import_stage`);
    await m.query(
      `UPDATE import_stage s SET site_id = si.id FROM site si WHERE si.org_id = $1 AND si.code = s.site_code`,
      [orgId],
    );
    await m.query(
      `UPDATE import_stage s SET model_id = dm.id, model_months = dm.warranty_months FROM device_model dm
       WHERE dm.org_id = $1 AND dm.vendor_key = s.vendor_key AND dm.model = s.model`,
      [orgId],
    );
    const rejected = rowsOf<Rejected>(
      await m.query(
        `DELETE FROM import_stage s WHERE (s.site_code IS NOT NULL AND s.site_id IS NULL)
         OR EXISTS (SELECT 1 FROM device d WHERE ${MATCH} AND d.status = 'decommissioned')
       RETURNING s.row_number AS row,
         CASE WHEN s.site_code IS NOT NULL AND s.site_id IS NULL THEN 'site_code: no site with code ' || s.site_code
              ELSE 'serial: this device is decommissioned' END AS reason,
         (to_jsonb(s) - 'row_number' - 'vendor_key' - 'site_id' - 'model_id' - 'model_months')::text AS raw`,
        [orgId],
      ),
    );
    return rejected;
  }

  /** Updates existing devices where a present column differs; returns their states before and after. */
  async applyUpdates(
    m: EntityManager,
    orgId: string,
    present: CsvColumn[],
  ): Promise<{ before: DeviceRow; after: DeviceRow }[]> {
    const sets = present.map((c) => UPDATES[c]).filter((x): x is [string, string] => !!x);
    await m.query(
      `CREATE TEMP TABLE import_before ON COMMIT DROP AS
       SELECT ${DEVICE_COLUMNS} FROM device d JOIN import_stage s ON ${MATCH}`,
      [orgId],
    );
    const cols = sets.map(([c]) => c).join(', ');
    const exprs = sets.map(([, e]) => e).join(', ');
    const oldCols = sets.map(([c]) => `d.${c}`).join(', ');
    await m.query(`CREATE TEMP TABLE import_changed (id uuid PRIMARY KEY) ON COMMIT DROP`);
    await m.query(
      `WITH upd AS (UPDATE device d SET (${cols}) = ROW(${exprs}), updated_at = now() FROM import_stage s
         WHERE ${MATCH} AND ROW(${oldCols}) IS DISTINCT FROM ROW(${exprs}) RETURNING d.id)
       INSERT INTO import_changed SELECT id FROM upd`,
      [orgId],
    );
    await m.query(`UPDATE device d SET ${DERIVE} WHERE d.org_id = $1 AND d.id IN (SELECT id FROM import_changed)`, [
      orgId,
    ]);
    return m.query(
      `SELECT to_jsonb(b) AS before, to_jsonb(a) AS after FROM import_before b
       JOIN (SELECT ${DEVICE_COLUMNS} FROM device d WHERE d.org_id = $1 AND d.id IN (SELECT id FROM import_changed)) a ON a.id = b.id`,
      [orgId],
    );
  }

  /**
   * The rows that match no device, as an `INSERT INTO device ... RETURNING *` (`$1` = orgId) for
   * `DeviceEventsService.insertRegistered`. Each gets a heartbeat token like a device created through the API; the
   * token itself is not kept, only its hash (`devices.rotate-token` hands one out).
   */
  insertSql(): string {
    return `INSERT INTO device (id, org_id, vendor, vendor_key, model, model_id, type, name, serial, mac, ip, hostname,
        site_id, firmware_version, install_date, purchase_date, purchase_cost, warranty_end_explicit, warranty_end,
        owner_team, status, tags, notes, heartbeat_token_hash)
      SELECT gen_random_uuid(), $1, s.vendor, s.vendor_key, s.model, s.model_id, s.type, coalesce(s.name, s.serial),
        s.serial, s.mac, s.ip, s.hostname, s.site_id, s.firmware_version, s.install_date, s.purchase_date,
        s.purchase_cost, s.warranty_end,
        coalesce(s.warranty_end, (s.purchase_date + make_interval(months => s.model_months))::date),
        s.owner_team, s.status, coalesce(s.tags, '{}'), s.notes, ${TOKEN_HASH_SQL}
      FROM import_stage s WHERE NOT EXISTS (SELECT 1 FROM device d WHERE ${MATCH})
      ON CONFLICT (org_id, vendor_key, serial) DO NOTHING
      RETURNING *`;
  }
}
