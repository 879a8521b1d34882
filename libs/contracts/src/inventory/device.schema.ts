import { z } from 'zod';
import {
  deviceStatusSchema,
  deviceTypeSchema,
  ipSchema,
  isoDateSchema,
  macSchema,
  ownerTeamSchema,
  tagsSchema,
} from './device-fields.js';

export const deviceSchema = z.object({
  id: z.string(),
  vendor: z.string(),
  model: z.string().nullable(),
  modelId: z.string().nullable(),
  type: deviceTypeSchema,
  name: z.string(),
  serial: z.string(),
  mac: z.string().nullable(),
  ip: z.string().nullable(),
  hostname: z.string().nullable(),
  siteId: z.string().nullable(),
  firmwareVersion: z.string().nullable(),
  installDate: z.string().nullable(),
  purchaseDate: z.string().nullable(),
  purchaseCost: z.number().nullable(),
  /** Effective warranty end: explicit when set, else purchase date + model warranty term. */
  warrantyEnd: z.string().nullable(),
  warrantyEndSource: z.enum(['explicit', 'derived']).nullable(),
  ownerTeam: ownerTeamSchema.nullable(),
  status: deviceStatusSchema,
  tags: z.array(z.string()),
  notes: z.string().nullable(),
  customFields: z.record(z.string(), z.unknown()),
  decommissionedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Device = z.infer<typeof deviceSchema>;

/** Writable fields. Unknown fields (orgId, id, status...) are refused. */
export const deviceFieldsSchema = z.strictObject({
  vendor: z.string().trim().min(1).max(100),
  model: z.string().trim().min(1).max(100).nullable().optional(),
  type: deviceTypeSchema,
  name: z.string().trim().min(1).max(200).optional(),
  serial: z.string().trim().min(1).max(100),
  mac: macSchema.nullable().optional(),
  ip: ipSchema.nullable().optional(),
  hostname: z.string().trim().max(253).nullable().optional(),
  siteId: z.string().nullable().optional(),
  firmwareVersion: z.string().trim().max(100).nullable().optional(),
  installDate: isoDateSchema.nullable().optional(),
  purchaseDate: isoDateSchema.nullable().optional(),
  purchaseCost: z.number().nonnegative().max(1e11).nullable().optional(),
  /** Explicit warranty end; null derives it from the purchase date and the model term. */
  warrantyEnd: isoDateSchema.nullable().optional(),
  ownerTeam: ownerTeamSchema.nullable().optional(),
  tags: tagsSchema.optional(),
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
