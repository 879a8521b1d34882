import { z } from 'zod';
import {
  deviceIdSchema,
  isoDateTimeSchema,
  livenessStateSchema,
  pageRequestSchema,
  siteIdSchema,
} from '@fleetward/contracts';

const DAY_MS = 86_400_000;
const bool = z.enum(['true', 'false']).transform((v) => v === 'true');

export const healthDevicesQuerySchema = z.strictObject({
  state: livenessStateSchema.optional(),
  siteId: siteIdSchema.optional(),
  flapping: bool.optional(),
  ...pageRequestSchema.shape,
});

/** A window defaults to the last 7 days. */
const windowShape = {
  from: isoDateTimeSchema.optional(),
  to: isoDateTimeSchema.optional(),
};

export function resolveWindow(q: { from?: string; to?: string }): { from: string; to: string } {
  const to = q.to ?? new Date().toISOString();
  return { from: q.from ?? new Date(Date.parse(to) - 7 * DAY_MS).toISOString(), to };
}

export const healthHistoryQuerySchema = z.strictObject({
  ...windowShape,
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

/** `exclude=2026-11-01T08:00:00Z/2026-11-01T10:00:00Z,...`: maintenance windows left out of the computation. */
const excludeSchema = z
  .string()
  .transform((s) =>
    s
      .split(',')
      .filter(Boolean)
      .map((pair) => pair.split('/')),
  )
  .pipe(z.array(z.tuple([isoDateTimeSchema, isoDateTimeSchema]).transform(([from, to]) => ({ from, to }))).max(100));

export const healthAvailabilityQuerySchema = z
  .strictObject({
    deviceId: deviceIdSchema.optional(),
    siteId: siteIdSchema.optional(),
    ...windowShape,
    exclude: excludeSchema.optional(),
  })
  .refine((q) => !q.deviceId !== !q.siteId, { message: 'give exactly one of deviceId or siteId' });

export const deviceIdParamSchema = deviceIdSchema;

/** `ids=a,b,c`: the devices of one page of the device table (at most 100), read in one call. */
export const deviceStatesQuerySchema = z.strictObject({
  ids: z
    .string()
    .transform((s) => [...new Set(s.split(',').filter(Boolean))])
    .pipe(z.array(deviceIdSchema).min(1).max(100)),
});
