import { deviceTypeSchema, type OrgSettings } from '@fleetward/contracts';
import { effectiveHeartbeat } from '../organisations/heartbeat-defaults.js';

const instant = (e: string) => `to_char(${e} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/**
 * The SQL twin of `toDeviceState` (device.row.ts) for bulk events: the full device state of row `d` as a SELECT list
 * whose aliases are the state's fields (for `OutboxQueryWriter`). Dates are `date` columns, which JSON renders as
 * `YYYY-MM-DD`. `defaults` is the placeholder of `heartbeatByType(settings)`, so the inheritance rule stays in
 * `effectiveHeartbeat`. A test holds both builders equal field by field: change them together.
 */
export function deviceStateSql(defaults: string): string {
  const eff = (override: string, i: 0 | 1) => `coalesce(d.${override}, (${defaults}::jsonb -> d.type ->> ${i})::int)`;
  return `d.id::text AS id, d.org_id AS "orgId", d.site_id AS "siteId",
    coalesce((SELECT string_to_array(trim(both '/' from s.path), '/') FROM site s WHERE s.org_id = d.org_id AND s.id = d.site_id), '{}')
      AS "sitePath",
    d.vendor, d.model, d.model_id::text AS "modelId", d.type, d.name, d.serial, d.mac, d.ip, d.hostname,
    d.firmware_version AS "firmwareVersion", d.install_date AS "installDate", d.purchase_date AS "purchaseDate",
    d.purchase_cost::float8 AS cost, d.warranty_end AS "warrantyEnd", d.owner_team AS "ownerTeam", d.status, d.tags,
    d.heartbeat_interval_sec AS "heartbeatIntervalSec", d.offline_threshold_sec AS "offlineThresholdSec",
    ${eff('heartbeat_interval_sec', 0)} AS "effectiveHeartbeatIntervalSec",
    ${eff('offline_threshold_sec', 1)} AS "effectiveOfflineThresholdSec",
    ${instant('d.created_at')} AS "createdAt", ${instant('d.updated_at')} AS "updatedAt",
    ${instant('d.decommissioned_at')} AS "decommissionedAt"`;
}

/** `{ <type>: [intervalSec, thresholdSec] }` for every device type without a device override: `deviceStateSql`'s input. */
export function heartbeatByType(settings: Pick<OrgSettings, 'heartbeatDefaults'>): string {
  const none = { heartbeatIntervalSec: null, offlineThresholdSec: null };
  return JSON.stringify(
    Object.fromEntries(
      deviceTypeSchema.options.map((t) => {
        const e = effectiveHeartbeat(settings, t, none);
        return [t, [e.intervalSec, e.thresholdSec]];
      }),
    ),
  );
}
