import type { Device, DeviceState, DeviceType, OrgSettings } from '@fleetward/contracts';
import { iso } from '../common/sql.js';
import { effectiveHeartbeat } from '../organisations/heartbeat-defaults.js';

/** Columns selected for a device (alias `d`): dates as text so no time zone shifts them, the site's path joined. */
export const DEVICE_COLUMNS = `d.id, d.org_id, d.vendor, d.model, d.model_id, d.type, d.name, d.serial, d.mac, d.ip, d.hostname,
  d.site_id, (SELECT s.path FROM site s WHERE s.org_id = d.org_id AND s.id = d.site_id) AS site_path, d.firmware_version,
  d.install_date::text AS install_date, d.purchase_date::text AS purchase_date, d.purchase_cost::float8 AS purchase_cost,
  d.warranty_end::text AS warranty_end, d.warranty_end_explicit::text AS warranty_end_explicit, d.owner_team, d.status,
  d.tags, d.notes, d.custom_fields, d.heartbeat_interval_sec, d.offline_threshold_sec, d.decommissioned_at,
  d.created_at, d.updated_at`;

export interface DeviceRow {
  id: string;
  org_id: string;
  vendor: string;
  model: string | null;
  model_id: string | null;
  type: string;
  name: string;
  serial: string;
  mac: string | null;
  ip: string | null;
  hostname: string | null;
  site_id: string | null;
  site_path: string | null;
  firmware_version: string | null;
  install_date: string | null;
  purchase_date: string | null;
  purchase_cost: number | null;
  warranty_end: string | null;
  warranty_end_explicit: string | null;
  owner_team: string | null;
  status: string;
  tags: string[];
  notes: string | null;
  custom_fields: Record<string, unknown>;
  heartbeat_interval_sec: number | null;
  offline_threshold_sec: number | null;
  decommissioned_at: Date | string | null;
  created_at: Date | string;
  updated_at: Date | string;
}

/** `/a/b/c/` -> `['a','b','c']` */
export const pathIds = (path: string | null): string[] => (path ? path.split('/').filter(Boolean) : []);

/** The full device state carried by every device.* event. */
export function toDeviceState(r: DeviceRow, settings: Pick<OrgSettings, 'heartbeatDefaults'>): DeviceState {
  const type = r.type as DeviceType;
  const overrides = { heartbeatIntervalSec: r.heartbeat_interval_sec, offlineThresholdSec: r.offline_threshold_sec };
  const eff = effectiveHeartbeat(settings, type, overrides);
  return {
    id: r.id,
    orgId: r.org_id,
    siteId: r.site_id,
    sitePath: pathIds(r.site_path),
    vendor: r.vendor,
    model: r.model,
    modelId: r.model_id,
    type,
    name: r.name,
    serial: r.serial,
    mac: r.mac,
    ip: r.ip,
    hostname: r.hostname,
    firmwareVersion: r.firmware_version,
    installDate: r.install_date,
    purchaseDate: r.purchase_date,
    cost: r.purchase_cost === null ? null : Number(r.purchase_cost),
    warrantyEnd: r.warranty_end,
    ownerTeam: r.owner_team as DeviceState['ownerTeam'],
    status: r.status as DeviceState['status'],
    tags: r.tags,
    heartbeatIntervalSec: overrides.heartbeatIntervalSec,
    offlineThresholdSec: overrides.offlineThresholdSec,
    effectiveHeartbeatIntervalSec: eff.intervalSec,
    effectiveOfflineThresholdSec: eff.thresholdSec,
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
    decommissionedAt: r.decommissioned_at === null ? null : iso(r.decommissioned_at),
  };
}

/**
 * The device as the API shows it: its state without `orgId`, plus notes, custom fields and the warranty's source.
 * Written out field by field, not as `{ ...rest, ... }` of `toDeviceState`: with ~30 keys a rest + spread costs ~15 µs
 * per device, most of the time spent mapping a page (device.row.spec.ts holds the two functions equal).
 */
export function toDevice(r: DeviceRow, settings: Pick<OrgSettings, 'heartbeatDefaults'>): Device {
  const eff = effectiveHeartbeat(settings, r.type as DeviceType, {
    heartbeatIntervalSec: r.heartbeat_interval_sec,
    offlineThresholdSec: r.offline_threshold_sec,
  });
  return {
    id: r.id,
    siteId: r.site_id,
    sitePath: pathIds(r.site_path),
    vendor: r.vendor,
    model: r.model,
    modelId: r.model_id,
    type: r.type as DeviceType,
    name: r.name,
    serial: r.serial,
    mac: r.mac,
    ip: r.ip,
    hostname: r.hostname,
    firmwareVersion: r.firmware_version,
    installDate: r.install_date,
    purchaseDate: r.purchase_date,
    cost: r.purchase_cost === null ? null : Number(r.purchase_cost),
    warrantyEnd: r.warranty_end,
    ownerTeam: r.owner_team as DeviceState['ownerTeam'],
    status: r.status as DeviceState['status'],
    tags: r.tags,
    heartbeatIntervalSec: r.heartbeat_interval_sec,
    offlineThresholdSec: r.offline_threshold_sec,
    effectiveHeartbeatIntervalSec: eff.intervalSec,
    effectiveOfflineThresholdSec: eff.thresholdSec,
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
    decommissionedAt: r.decommissioned_at === null ? null : iso(r.decommissioned_at),
    warrantyEndSource: r.warranty_end_explicit ? 'explicit' : r.warranty_end ? 'derived' : null,
    notes: r.notes,
    customFields: r.custom_fields,
  };
}

const NOT_REPORTED = new Set(['id', 'orgId', 'createdAt', 'updatedAt']);

/** Names of the state fields that differ between two states (for `device.updated`'s `changed`). */
export function changedFields(
  before: DeviceState,
  after: DeviceState,
): Exclude<keyof DeviceState, 'id' | 'orgId' | 'createdAt' | 'updatedAt'>[] {
  return (Object.keys(after) as (keyof DeviceState)[]).filter(
    (k) => !NOT_REPORTED.has(k) && JSON.stringify(before[k]) !== JSON.stringify(after[k]),
  ) as Exclude<keyof DeviceState, 'id' | 'orgId' | 'createdAt' | 'updatedAt'>[];
}
