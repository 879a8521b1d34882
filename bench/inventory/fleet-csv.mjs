// Writes a realistic device CSV (CRLF, quoted names with commas, a BOM) of `rows` rows to `file`, streamed.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

const TYPES = [
  'camera',
  'camera',
  'camera',
  'recorder',
  'access-controller',
  'reader',
  'intercom',
  'sensor',
  'network',
];
const VENDORS = ['Axis', 'Hanwha', 'Bosch', 'Genetec', 'HID', 'Milestone', 'Avigilon', 'Hikvision'];

export const CSV_HEADER =
  'vendor,model,type,name,serial,mac,ip,site_code,firmware_version,purchase_date,purchase_cost,owner_team,tags';

export function csvRow(i, siteCodes = [], serialPrefix = 'SN') {
  const mac = (i + 0x100000)
    .toString(16)
    .padStart(12, '0')
    .replace(/(..)(?!$)/g, '$1:');
  const site = siteCodes.length ? siteCodes[i % siteCodes.length] : '';
  const day = String((i % 28) + 1).padStart(2, '0');
  const month = String((i % 12) + 1).padStart(2, '0');
  return [
    VENDORS[i % VENDORS.length],
    `M-${i % 40}`,
    TYPES[i % TYPES.length],
    `"Device ${i}, aisle ${i % 30}"`,
    `${serialPrefix}${String(i).padStart(9, '0')}`,
    mac,
    `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
    site,
    `${(i % 9) + 1}.${i % 20}.${i % 3}`,
    `20${20 + (i % 6)}-${month}-${day}`,
    `${(i % 900) + 100}.50`,
    i % 2 ? 'OT' : 'IT',
    i % 5 ? 'indoor' : 'outdoor;perimeter',
  ].join(',');
}

/** `serialPrefix` makes the devices new ones (serials match on re-import); default `SN`. */
export async function writeFleetCsv(file, rows, siteCodes = [], { serialPrefix = 'SN' } = {}) {
  const out = createWriteStream(file);
  out.write(`\uFEFF${CSV_HEADER}\r\n`);
  for (let i = 0; i < rows; i += 1000) {
    let chunk = '';
    for (let j = i; j < Math.min(rows, i + 1000); j++) chunk += `${csvRow(j, siteCodes, serialPrefix)}\r\n`;
    if (!out.write(chunk)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}
