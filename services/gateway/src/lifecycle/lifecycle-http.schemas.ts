import {
  baselineSchema,
  complianceStatusSchema,
  firmwareReleaseInputSchema,
  forecastDimensionSchema,
  modelCostSchema,
  modelSupportSchema,
  pageRequestSchema,
  planItemStateSchema,
} from '@fleetward/contracts';
import { z } from 'zod';

/** HTTP shapes of the lifecycle routes: strict bodies (no orgId, role or id can be smuggled in), coerced queries. */
export const firmwareImportBody = z.strictObject({
  format: z.enum(['json', 'csv']),
  content: z
    .string()
    .min(1)
    .max(512 * 1024),
});
export const firmwareAddBody = firmwareReleaseInputSchema;
export const firmwareListQuery = z.strictObject({
  vendor: z.string().min(1).max(200).optional(),
  model: z.string().min(1).max(200).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export const modelSupportBody = z.strictObject({ items: z.array(modelSupportSchema).min(1).max(1000) });
export const baselineBody = baselineSchema;
export const complianceBreakdownQuery = z.strictObject({ by: z.enum(['site', 'model']).default('site') });
export const complianceQuery = pageRequestSchema.extend({
  status: complianceStatusSchema.optional(),
  compliant: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});
export const planQuery = pageRequestSchema.extend({
  state: planItemStateSchema.optional(),
  deviceId: z.string().min(1).max(100).optional(),
});
/** `groupBy=site,type`: up to three dimensions, comma separated. */
const groupByParam = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((s) => s.split(',').filter(Boolean))
    .pipe(z.array(forecastDimensionSchema).max(3));
export const forecastQuery = z.strictObject({
  years: z.coerce.number().int().min(1).max(10).default(5),
  groupBy: groupByParam('reason'),
});
/** The CSV forecast defaults to every dimension, as the lifecycle report does. */
export const forecastReportQuery = forecastQuery.extend({ groupBy: groupByParam('site,type,reason') });
export const noQuery = z.strictObject({});
export const markFailedBody = z.strictObject({ failed: z.boolean() });
export const modelCostsBody = z.strictObject({ items: z.array(modelCostSchema).min(1).max(1000) });
