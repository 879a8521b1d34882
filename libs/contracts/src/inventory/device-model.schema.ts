import { z } from 'zod';
import { deviceTypeSchema } from '../common/device-kind.js';
import { lifecycleDateSchema } from './device-fields.js';

export const deviceModelSchema = z.object({
  id: z.string(),
  vendor: z.string(),
  model: z.string(),
  type: deviceTypeSchema,
  warrantyMonths: z.number().int().nullable(),
  endOfSale: lifecycleDateSchema,
  endOfSupport: lifecycleDateSchema,
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type DeviceModel = z.infer<typeof deviceModelSchema>;

export const deviceModelCreateSchema = z.strictObject({
  vendor: z.string().trim().min(1).max(100),
  model: z.string().trim().min(1).max(100),
  type: deviceTypeSchema,
  warrantyMonths: z.number().int().min(0).max(600).nullable().optional(),
  endOfSale: lifecycleDateSchema.optional(),
  endOfSupport: lifecycleDateSchema.optional(),
});
export const deviceModelUpdateSchema = deviceModelCreateSchema.omit({ vendor: true, model: true }).partial();
