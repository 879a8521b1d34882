import { rowsOf } from '@fleetward/platform';
import { Injectable } from '@nestjs/common';
import type { DeviceFilter, DeviceSort, OrgSettings } from '@fleetward/contracts';
import type { EntityManager } from 'typeorm';
import { Params } from '../common/sql.js';
import { deviceOrder, devicePageSource, deviceWhere, subtreeSql, type DeviceAfter } from './device-query.js';
import { DEVICE_COLUMNS, type DeviceRow } from './device.row.js';

/** A row of a device page: the device, its sort value, and its organisation's heartbeat defaults (null: none set). */
export type DevicePageRow = DeviceRow & {
  sort_key: string | null;
  heartbeat_defaults: OrgSettings['heartbeatDefaults'] | null;
};

/** Every writable column of a device; `model_id` and `warranty_end` are derived in SQL from these. */
export interface DeviceWrite {
  vendor: string;
  model: string | null;
  type: string;
  name: string;
  serial: string;
  mac: string | null;
  ip: string | null;
  hostname: string | null;
  siteId: string | null;
  firmwareVersion: string | null;
  installDate: string | null;
  purchaseDate: string | null;
  cost: number | null;
  warrantyEndExplicit: string | null;
  ownerTeam: string | null;
  status: string;
  tags: string[];
  notes: string | null;
  customFields: Record<string, unknown>;
  heartbeatIntervalSec: number | null;
  offlineThresholdSec: number | null;
}

const WRITE_COLUMNS = `vendor, vendor_key, model, type, name, serial, mac, ip, hostname, site_id, firmware_version,
  install_date, purchase_date, purchase_cost, warranty_end_explicit, owner_team, status, tags, notes, custom_fields,
  heartbeat_interval_sec, offline_threshold_sec`;

function writeValues(w: DeviceWrite, p: Params): string {
  return [
    p.add(w.vendor),
    p.add(w.vendor.trim().toLowerCase()),
    p.add(w.model),
    p.add(w.type),
    p.add(w.name),
    p.add(w.serial),
    p.add(w.mac),
    p.add(w.ip),
    p.add(w.hostname),
    p.add(w.siteId),
    p.add(w.firmwareVersion),
    `${p.add(w.installDate)}::date`,
    `${p.add(w.purchaseDate)}::date`,
    `${p.add(w.cost)}::numeric`,
    `${p.add(w.warrantyEndExplicit)}::date`,
    p.add(w.ownerTeam),
    p.add(w.status),
    `${p.add(w.tags)}::text[]`,
    p.add(w.notes),
    `${p.add(JSON.stringify(w.customFields))}::jsonb`,
    `${p.add(w.heartbeatIntervalSec)}::int`,
    `${p.add(w.offlineThresholdSec)}::int`,
  ].join(', ');
}

/** model_id from (vendor, model), warranty end = explicit, else purchase date + model term. Alias `d` is the row. */
export const DERIVE = `
  model_id = (SELECT m.id FROM device_model m WHERE m.org_id = d.org_id AND m.vendor_key = d.vendor_key AND m.model = d.model),
  warranty_end = coalesce(d.warranty_end_explicit, (d.purchase_date + make_interval(months => (
    SELECT m.warranty_months FROM device_model m WHERE m.org_id = d.org_id AND m.vendor_key = d.vendor_key AND m.model = d.model)))::date)`;

@Injectable()
export class DeviceRepository {
  async insert(m: EntityManager, orgId: string, id: string, w: DeviceWrite, tokenHash: string): Promise<DeviceRow> {
    const p = new Params();
    const head = `${p.add(id)}::uuid, ${p.add(orgId)}, ${p.add(tokenHash)}`;
    await m.query(
      `INSERT INTO device (id, org_id, heartbeat_token_hash, ${WRITE_COLUMNS}) VALUES (${head}, ${writeValues(w, p)})`,
      p.values,
    );
    return this.derive(m, orgId, id);
  }

  async update(m: EntityManager, orgId: string, id: string, w: DeviceWrite): Promise<DeviceRow> {
    const p = new Params();
    const set = `(${WRITE_COLUMNS}) = (${writeValues(w, p)})`;
    await m.query(
      `UPDATE device SET ${set}, updated_at = now() WHERE org_id = ${p.add(orgId)} AND id = ${p.add(id)}::uuid`,
      p.values,
    );
    return this.derive(m, orgId, id);
  }

  private async derive(m: EntityManager, orgId: string, id: string): Promise<DeviceRow> {
    const rows = rowsOf<DeviceRow>(
      await m.query(
        `UPDATE device d SET ${DERIVE} WHERE d.org_id = $1 AND d.id = $2::uuid RETURNING ${DEVICE_COLUMNS}`,
        [orgId, id],
      ),
    );
    return rows[0]!;
  }

  async findById(m: EntityManager, orgId: string, id: string, lock = false): Promise<DeviceRow | undefined> {
    const rows: DeviceRow[] = await m.query(
      `SELECT ${DEVICE_COLUMNS} FROM device d WHERE d.org_id = $1 AND d.id = $2::uuid${lock ? ' FOR UPDATE' : ''}`,
      [orgId, id],
    );
    return rows[0];
  }

  async decommission(m: EntityManager, orgId: string, id: string): Promise<DeviceRow> {
    const rows = rowsOf<DeviceRow>(
      await m.query(
        `UPDATE device d SET status = 'decommissioned', decommissioned_at = now(), updated_at = now(), heartbeat_token_hash = NULL
       WHERE d.org_id = $1 AND d.id = $2::uuid RETURNING ${DEVICE_COLUMNS}`,
        [orgId, id],
      ),
    );
    return rows[0]!;
  }

  async setTokenHash(m: EntityManager, orgId: string, id: string, hash: string): Promise<void> {
    await m.query(
      `UPDATE device SET heartbeat_token_hash = $3, updated_at = now() WHERE org_id = $1 AND id = $2::uuid`,
      [orgId, id, hash],
    );
  }

  async findByTokenHash(
    m: EntityManager,
    orgId: string,
    hash: string,
  ): Promise<{ id: string; site_id: string | null } | undefined> {
    const rows = await m.query(
      `SELECT id, site_id FROM device WHERE org_id = $1 AND heartbeat_token_hash = $2 AND status <> 'decommissioned'`,
      [orgId, hash],
    );
    return rows[0];
  }

  async list(
    m: EntityManager,
    orgId: string,
    filter: DeviceFilter,
    sort: DeviceSort,
    limit: number,
    cursor: DeviceAfter | undefined,
  ): Promise<DevicePageRow[]> {
    const p = new Params();
    const { from, where } = devicePageSource(orgId, filter, p, await this.subtree(m, orgId, filter));
    const o = deviceOrder(sort, cursor, p);
    if (o.where) where.push(o.where);
    // The organisation's heartbeat defaults ride along (one InitPlan, not a round trip of their own); no row = '{}',
    // the column's default, which is what a first read would have created.
    return m.query(
      `SELECT ${DEVICE_COLUMNS}, ${o.key} AS sort_key,
         (SELECT s.heartbeat_defaults FROM org_settings s WHERE s.org_id = ${p.add(orgId)}) AS heartbeat_defaults
       FROM ${from} WHERE ${where.join(' AND ')}
       ORDER BY ${o.order} LIMIT ${p.add(limit)}`,
      p.values,
    );
  }

  async counts(
    m: EntityManager,
    orgId: string,
    filter: DeviceFilter,
  ): Promise<{ site_id: string | null; type: string | null; status: string | null; g: number; count: string }[]> {
    const p = new Params();
    const where = deviceWhere(orgId, filter, p, await this.subtree(m, orgId, filter));
    return m.query(
      `SELECT d.site_id, d.type, d.status, GROUPING(d.site_id, d.type, d.status) AS g, count(*) AS count
       FROM device d WHERE ${where.join(' AND ')} GROUP BY GROUPING SETS ((d.site_id), (d.type), (d.status), ())`,
      p.values,
    );
  }

  private async subtree(m: EntityManager, orgId: string, f: DeviceFilter): Promise<string[] | undefined> {
    if (!f.siteId) return undefined;
    const [row] = (await m.query(subtreeSql, [orgId, f.siteId])) as { ids: string[] }[];
    return row?.ids ?? [];
  }

  /** Re-derives model link and warranty end for devices of one model (after the model or its term changed). */
  async rederiveForModel(
    m: EntityManager,
    orgId: string,
    vendorKey: string,
    model: string,
  ): Promise<{ before: DeviceRow; after: DeviceRow }[]> {
    const rows: { before: DeviceRow; after: DeviceRow }[] = await m.query(
      `WITH old AS (SELECT ${DEVICE_COLUMNS} FROM device d WHERE d.org_id = $1 AND d.vendor_key = $2 AND d.model = $3 FOR UPDATE),
       upd AS (UPDATE device d SET ${DERIVE}, updated_at = now() WHERE d.org_id = $1 AND d.vendor_key = $2 AND d.model = $3
         AND d.status <> 'decommissioned' RETURNING ${DEVICE_COLUMNS})
       SELECT to_jsonb(old) AS before, to_jsonb(upd) AS after FROM upd JOIN old ON old.id = upd.id
       WHERE old.model_id IS DISTINCT FROM upd.model_id OR old.warranty_end IS DISTINCT FROM upd.warranty_end`,
      [orgId, vendorKey, model],
    );
    return rows;
  }
}
