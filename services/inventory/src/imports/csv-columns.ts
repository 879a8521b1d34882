import { DEVICE_CSV_COLUMNS } from '@fleetward/contracts';

export type CsvColumn = (typeof DEVICE_CSV_COLUMNS)[number];

/** Other header spellings seen in vendor exports. */
const ALIASES: Record<string, CsvColumn> = {
  manufacturer: 'vendor',
  make: 'vendor',
  serial_number: 'serial',
  serialnumber: 'serial',
  sn: 'serial',
  device_type: 'type',
  mac_address: 'mac',
  ip_address: 'ip',
  site: 'site_code',
  firmware: 'firmware_version',
  cost: 'purchase_cost',
  warranty: 'warranty_end',
  warranty_end_date: 'warranty_end',
  owner: 'owner_team',
};

const KNOWN = new Set<string>(DEVICE_CSV_COLUMNS);
export const REQUIRED_COLUMNS: CsvColumn[] = ['vendor', 'serial', 'type'];

/** `Serial Number` / `serial-number` / `SERIAL_NUMBER` -> `serial`; unknown headers map to null (ignored). */
export function canonicalColumn(header: string): CsvColumn | null {
  const key = header
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
  if (KNOWN.has(key)) return key as CsvColumn;
  return ALIASES[key] ?? null;
}

/** Maps a header row to canonical names and names what is missing. */
export function mapHeader(headers: string[]): { columns: (CsvColumn | null)[]; missing: CsvColumn[] } {
  const columns = headers.map(canonicalColumn);
  const missing = REQUIRED_COLUMNS.filter((c) => !columns.includes(c));
  return { columns, missing };
}
