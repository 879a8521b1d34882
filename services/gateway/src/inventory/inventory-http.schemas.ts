import { deviceFilterSchema, deviceSortSchema } from '@fleetward/contracts';
import { z } from 'zod';

const limit = z.coerce.number().int().min(1).optional();
const cursor = z.string().min(1).optional();

/** `GET /api/v1/devices`: the filter fields, `sort`, `limit` and `cursor` as query parameters. */
export const deviceListQuerySchema = deviceFilterSchema.extend({ sort: deviceSortSchema.optional(), limit, cursor });
export const deviceCountsQuerySchema = deviceFilterSchema;
export const siteListQuerySchema = z.strictObject({ parentId: z.string().min(1).optional(), limit, cursor });
export const modelListQuerySchema = z.strictObject({ vendor: z.string().min(1).optional(), limit, cursor });
export const pageQuerySchema = z.strictObject({ limit, cursor });
export const decommissionBodySchema = z.strictObject({ reason: z.string().max(500).optional() });
export const moveBodySchema = z.strictObject({ parentId: z.string().min(1).nullable() });
export const exportQuerySchema = deviceFilterSchema.extend({ format: z.enum(['csv', 'json']).default('csv') });
export const importQuerySchema = z.strictObject({
  fileName: z.string().max(200).optional(),
  jobId: z.uuid().optional(),
});
export const idParamSchema = z.string().min(1).max(100);

/** Splits a parsed list query into the RPC's `filter` and page/sort params. */
export function splitDeviceQuery(q: z.output<typeof deviceListQuerySchema>) {
  const { sort, limit: l, cursor: c, ...filter } = q;
  return { filter, ...(sort && { sort }), ...(l && { limit: l }), ...(c && { cursor: c }) };
}
