import { z } from 'zod';
import { deviceStatusSchema, deviceTypeSchema, ipSchema } from '../common/device-kind.js';
import { isoDateSchema } from '../common/time.js';
import { deviceStateSchema } from './device-state.js';
import { macInputSchema, ownerTeamInputSchema, tagsInputSchema } from './device-fields.js';

/** A device as the API shows it: its event state (without orgId) plus notes, custom fields and where the warranty comes from. */
export const deviceSchema = deviceStateSchema.omit({ orgId: true }).extend({
  warrantyEndSource: z.enum(['explicit', 'derived']).nullable(),
  notes: z.string().nullable(),
  customFields: z.record(z.string(), z.unknown()),
});
export type Device = z.infer<typeof deviceSchema>;

/** Writable fields. Unknown fields (orgId, id, status...) are refused. */
export const deviceFieldsSchema = z.strictObject({
  vendor: z.string().trim().min(1).max(100),
  model: z.string().trim().min(1).max(100).nullable().optional(),
  type: deviceTypeSchema,
  name: z.string().trim().min(1).max(200).optional(),
  serial: z.string().trim().min(1).max(100),
  mac: macInputSchema.nullable().optional(),
  ip: ipSchema.nullable().optional(),
  hostname: z.string().trim().max(253).nullable().optional(),
  siteId: z.string().nullable().optional(),
  firmwareVersion: z.string().trim().max(100).nullable().optional(),
  installDate: isoDateSchema.nullable().optional(),
  purchaseDate: isoDateSchema.nullable().optional(),
  cost: z.number().nonnegative().max(1e11).nullable().optional(),
  /** Explicit warranty end; null derives it from the purchase date and the model term. */
  warrantyEnd: isoDateSchema.nullable().optional(),
  ownerTeam: ownerTeamInputSchema.nullable().optional(),
  tags: tagsInputSchema.optional(),
  /** Per-device overrides; null inherits the organisation's default for the device type. */
  heartbeatIntervalSec: z.number().int().min(5).max(86_400).nullable().optional(),
  offlineThresholdSec: z.number().int().min(10).max(7 * 86_400).nullable().optional(),
  notes: z.string().max(10_000).nullable().optional(),
  customFields: z.record(z.string(), z.unknown()).optional(),
});
export const deviceCreateSchema = deviceFieldsSchema;
export const deviceUpdateSchema = deviceFieldsSchema
  .partial()
  .extend({ status: z.enum(['active', 'maintenance']).optional() });

export const deviceSortSchema = z.enum([
  'name',
  '-name',
  'serial',
  '-serial',
  'createdAt',
  '-createdAt',
  'updatedAt',
  '-updatedAt',
  'warrantyEnd',
  '-warrantyEnd',
]);
export type DeviceSort = z.infer<typeof deviceSortSchema>;

/** `a,b` or `['a','b']` -> `['a','b']` (query strings give the former). */
const listOf = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => (typeof v === 'string' ? v.split(',').filter(Boolean) : v), z.array(item).min(1).max(20));

export const deviceFilterSchema = z.strictObject({
  /** Devices in this site or anywhere below it. */
  siteId: z.string().min(1).optional(),
  type: listOf(deviceTypeSchema).optional(),
  status: listOf(deviceStatusSchema).optional(),
  vendor: z.string().min(1).optional(),
  modelId: z.string().min(1).optional(),
  firmwareVersion: z.string().min(1).optional(),
  warrantyBefore: isoDateSchema.optional(),
  warrantyAfter: isoDateSchema.optional(),
  tag: z.string().min(1).optional(),
  /** Free text over name, serial, IP and MAC (substring, case-insensitive). */
  q: z.string().trim().min(1).max(100).optional(),
});
export type DeviceFilter = z.infer<typeof deviceFilterSchema>;

export const deviceCountsSchema = z.object({
  total: z.number().int(),
  bySite: z.array(z.object({ siteId: z.string().nullable(), count: z.number().int() })),
  byType: z.array(z.object({ type: z.string(), count: z.number().int() })),
  byStatus: z.array(z.object({ status: z.string(), count: z.number().int() })),
});

/** Returned once on create and on rotation; only a hash is stored. */
export const deviceWithTokenSchema = z.object({ device: deviceSchema, heartbeatToken: z.string() });

export const deviceByTokenSchema = z.object({ orgId: z.string(), siteId: z.string().nullable(), deviceId: z.string() });
