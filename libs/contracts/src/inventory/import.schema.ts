import { z } from 'zod';

export const importJobSchema = z.object({
  id: z.string(),
  status: z.enum(['running', 'done', 'failed']),
  fileName: z.string().nullable(),
  createdBy: z.string(),
  rowsTotal: z.number().int(),
  rowsInserted: z.number().int(),
  rowsUpdated: z.number().int(),
  rowsUnchanged: z.number().int(),
  rowsRejected: z.number().int(),
  error: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type ImportJob = z.infer<typeof importJobSchema>;

export const importRowErrorSchema = z.object({ row: z.number().int(), reason: z.string(), raw: z.string().nullable() });

/**
 * CSV columns of a device import (header names, case-insensitive; `_` or `-` or space separate words).
 * Also the columns of the CSV export.
 */
export const DEVICE_CSV_COLUMNS = [
  'vendor',
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
