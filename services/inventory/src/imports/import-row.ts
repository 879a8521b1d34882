import { isIP } from 'node:net';
import { deviceTypeSchema } from '@fleetward/contracts';
import type { CsvColumn } from './csv-columns.js';

/**
 * One CSV row validated and normalised, column by column. Hand-written checks rather than a zod object: this runs for
 * every row of files of hundreds of thousands of rows, and a zod object with per-field preprocessing cost several
 * times the whole COPY budget. The rules match the API's zod schemas (device.schema.ts, device-fields.ts).
 */
export interface ImportRow {
  vendor: string;
  model: string | null;
  type: string;
  name: string | null;
  serial: string;
  mac: string | null;
  ip: string | null;
  hostname: string | null;
  site_code: string | null;
  firmware_version: string | null;
  install_date: string | null;
  purchase_date: string | null;
  purchase_cost: string | null;
  warranty_end: string | null;
  owner_team: string | null;
  status: string;
  tags: string[];
  notes: string | null;
}

class RowError extends Error {}
const fail = (column: string, message: string): never => {
  throw new RowError(`${column}: ${message}`);
};

const TYPES = new Set<string>(deviceTypeSchema.options);
const MAC = /^(?:[0-9a-f]{2}[:-]?){5}[0-9a-f]{2}$|^(?:[0-9a-f]{4}\.){2}[0-9a-f]{4}$/i;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const AMOUNT = /^\d{1,12}(\.\d{1,2})?$/;

function text(v: string | undefined, column: string, max: number): string | null {
  const s = v?.trim();
  if (!s) return null;
  if (s.length > max) fail(column, `longer than ${max} characters`);
  return s;
}

function required(v: string | undefined, column: string, max: number): string {
  return text(v, column, max) ?? fail(column, `${column} is required`);
}

/** A calendar date that exists (2025-02-30 does not). */
function date(v: string | undefined, column: string): string | null {
  const s = v?.trim();
  if (!s) return null;
  const m = DATE.exec(s);
  if (!m) return fail(column, 'not a valid date (YYYY-MM-DD)');
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const dt = new Date(Date.UTC(y, mo - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== mo - 1 || dt.getUTCDate() !== d)
    fail(column, 'not a valid date (YYYY-MM-DD)');
  return s;
}

function mac(v: string | undefined): string | null {
  const s = v?.trim();
  if (!s) return null;
  if (!MAC.test(s)) fail('mac', 'not a MAC address');
  return s
    .toLowerCase()
    .replace(/[^0-9a-f]/g, '')
    .replace(/(..)(?!$)/g, '$1:');
}

function parse(v: Partial<Record<CsvColumn, string>>): ImportRow {
  // Postgres text cannot hold NUL: one such field would fail the COPY of the whole chunk, not just this row.
  for (const [column, value] of Object.entries(v)) if (value?.includes('\u0000')) fail(column, 'contains a NUL character');
  const type = v.type?.trim().toLowerCase();
  if (!type || !TYPES.has(type)) fail('type', `must be one of ${[...TYPES].join(', ')}`);
  const ip = text(v.ip, 'ip', 45);
  if (ip && !isIP(ip)) fail('ip', 'not an IP address');
  const cost = text(v.purchase_cost, 'purchase_cost', 20);
  if (cost && !AMOUNT.test(cost)) fail('purchase_cost', 'not an amount (e.g. 1234.50)');
  const team = v.owner_team?.trim().toLowerCase() || null;
  if (team && team !== 'ot' && team !== 'it') fail('owner_team', 'must be OT or IT');
  const status = v.status?.trim().toLowerCase() || 'active';
  if (status !== 'active' && status !== 'maintenance') fail('status', 'status must be active or maintenance');
  const tags = v.tags
    ? v.tags
        .split(/[;|]/)
        .map((t) => t.trim())
        .filter(Boolean)
    : [];
  if (tags.length > 50 || tags.some((t) => t.length > 64)) fail('tags', 'at most 50 tags of at most 64 characters');
  return {
    vendor: required(v.vendor, 'vendor', 100),
    model: text(v.model, 'model', 100),
    type: type!,
    name: text(v.name, 'name', 200),
    serial: required(v.serial, 'serial', 100),
    mac: mac(v.mac),
    ip,
    hostname: text(v.hostname, 'hostname', 253),
    site_code: text(v.site_code, 'site_code', 64),
    firmware_version: text(v.firmware_version, 'firmware_version', 100),
    install_date: date(v.install_date, 'install_date'),
    purchase_date: date(v.purchase_date, 'purchase_date'),
    purchase_cost: cost,
    warranty_end: date(v.warranty_end, 'warranty_end'),
    owner_team: team,
    status,
    tags,
    notes: v.notes?.trim() ? (v.notes.length > 10_000 ? fail('notes', 'longer than 10000 characters') : v.notes) : null,
  };
}

/** Validates one record: the row, or one line saying why not (the first problem found). */
export function parseImportRow(values: Partial<Record<CsvColumn, string>>): { row: ImportRow } | { reason: string } {
  try {
    return { row: parse(values) };
  } catch (err) {
    if (err instanceof RowError) return { reason: err.message };
    throw err;
  }
}
