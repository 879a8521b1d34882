import type { DemoDevice } from './demo-fleet.js';

const COLUMNS = [
  'vendor', 'model', 'type', 'name', 'serial', 'mac', 'ip', 'hostname', 'site_code', 'firmware_version',
  'install_date', 'purchase_date', 'purchase_cost', 'owner_team', 'tags',
] as const;

/** RFC 4180 quoting, only where needed. */
const cell = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/**
 * The devices as a CSV in the inventory import's columns (`DEVICE_CSV_COLUMNS`). No warranty_end column: the
 * inventory derives the warranty from the purchase date and the model's term, as for a real purchase record.
 */
export function demoDevicesCsv(devices: readonly DemoDevice[]): string {
  const rows = devices.map((d) =>
    [
      d.vendor, d.model, d.type, d.name, d.serial, d.mac, d.ip, d.hostname, d.siteCode, d.firmwareVersion,
      d.installDate, d.purchaseDate, d.cost.toFixed(2), d.ownerTeam, d.tags.join(';'),
    ].map(cell).join(','),
  );
  return [COLUMNS.join(','), ...rows].join('\r\n') + '\r\n';
}
