import { deviceTypeSchema, ipSchema, macInputSchema, ownerTeamInputSchema } from '@fleetward/contracts';
import { DateTime } from 'luxon';
import { z } from 'zod';
import type { CsvColumn } from './csv-columns.js';

const blankToNull = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? null : v);
const opt = <T extends z.ZodType>(s: T) => z.preprocess(blankToNull, s.nullable().default(null));
const text = (max: number) => z.string().trim().max(max);

/** A calendar date that exists (2025-02-30 does not). */
const dateSchema = z
  .string()
  .trim()
  .refine((s) => /^\d{4}-\d{2}-\d{2}$/.test(s) && DateTime.fromISO(s).isValid, 'not a valid date (YYYY-MM-DD)');

/** One CSV row, as strings, validated and normalised. Missing optional cells are null. */
export const importRowSchema = z.object({
  vendor: text(100).min(1, 'vendor is required'),
  model: opt(text(100)),
  type: z.preprocess((v) => (typeof v === 'string' ? v.trim().toLowerCase() : v), deviceTypeSchema),
  name: opt(text(200)),
  serial: text(100).min(1, 'serial is required'),
  mac: opt(macInputSchema),
  ip: opt(z.string().trim().pipe(ipSchema)),
  hostname: opt(text(253)),
  site_code: opt(text(64)),
  firmware_version: opt(text(100)),
  install_date: opt(dateSchema),
  purchase_date: opt(dateSchema),
  purchase_cost: opt(
    z
      .string()
      .trim()
      .regex(/^\d+(\.\d{1,2})?$/, 'not an amount (e.g. 1234.50)'),
  ),
  warranty_end: opt(dateSchema),
  owner_team: opt(ownerTeamInputSchema),
  status: z.preprocess(
    (v) => (typeof v === 'string' && v.trim() ? v.trim().toLowerCase() : 'active'),
    z.enum(['active', 'maintenance'], 'status must be active or maintenance'),
  ),
  tags: z.preprocess(
    (v) =>
      typeof v === 'string'
        ? v
            .split(/[;|]/)
            .map((t) => t.trim())
            .filter(Boolean)
        : [],
    z.array(z.string().max(64, 'a tag is longer than 64 characters')).max(50),
  ),
  notes: opt(z.string().max(10_000)),
});
export type ImportRow = z.output<typeof importRowSchema>;

/** Validates one record: the row, or one line saying why not. */
export function parseImportRow(values: Partial<Record<CsvColumn, string>>): { row: ImportRow } | { reason: string } {
  const r = importRowSchema.safeParse(values);
  if (r.success) return { row: r.data };
  return { reason: r.error.issues.map((i) => `${i.path.join('.') || 'row'}: ${i.message}`).join('; ') };
}
