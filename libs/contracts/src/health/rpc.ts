import { z } from 'zod';
import { isoDateTimeSchema } from '../common/time.js';
import { deviceIdSchema, siteIdSchema } from '../ids.js';
import { defineRpc, pageOf, pageRequestSchema } from '../rpc.js';
import { Subjects } from '../subjects.js';

const p = (action: string) => Subjects.rpc('health', action);

/** Liveness as the health service sees it now. `unreachable`: silent together with its whole site. */
export const livenessStateSchema = z.enum([
  'online',
  'late',
  'offline',
  'degraded',
  'unknown',
  'never-seen',
  'unreachable',
]);
export type LivenessStateName = z.infer<typeof livenessStateSchema>;

export const deviceLivenessSchema = z.object({
  deviceId: deviceIdSchema,
  siteId: siteIdSchema.nullable(),
  state: livenessStateSchema,
  /** Back from offline, proving it stays up before device.online is published. */
  recovering: z.boolean(),
  /** Came back from offline repeatedly within the flap window. */
  flapping: z.boolean(),
  since: isoDateTimeSchema,
  lastSeenAt: isoDateTimeSchema.nullable(),
  thresholdSec: z.number().nonnegative(),
  intervalSec: z.number().nonnegative(),
  faults: z.array(z.string()),
  /** Why the state is `unknown` when health itself lost sight: `state-lost`, its state was lost and rebuilt. */
  reason: z.enum(['state-lost']).optional(),
});
export type DeviceLivenessDto = z.infer<typeof deviceLivenessSchema>;

const stateCounts = z.partialRecord(livenessStateSchema, z.number().int().nonnegative());

export const fleetSummarySchema = z.object({
  total: z.number().int().nonnegative(),
  byState: stateCounts,
  sites: z.array(
    z.object({
      siteId: siteIdSchema.nullable(),
      total: z.number().int().nonnegative(),
      byState: stateCounts,
      unreachable: z.boolean(),
    }),
  ),
});

export const offlineIntervalSchema = z.object({
  cause: z.enum(['device', 'site']),
  startedAt: isoDateTimeSchema,
  endedAt: isoDateTimeSchema.nullable(),
});

export const timeRangeSchema = z
  .strictObject({ from: isoDateTimeSchema, to: isoDateTimeSchema })
  .refine((r) => r.from < r.to, {
    message: 'from must be before to',
  });

export const availabilitySchema = z.object({
  /** 0..100, over the window minus the excluded ranges; null when nothing of the window is left to count. */
  availabilityPct: z.number().min(0).max(100).nullable(),
  countedSec: z.number().nonnegative(),
  offlineSec: z.number().nonnegative(),
  devices: z.number().int().nonnegative(),
});

/** Gateway -> health calls. */
export const HealthRpc = {
  devicesList: defineRpc({
    pattern: p('devices.list'),
    params: {
      state: livenessStateSchema.optional(),
      siteId: siteIdSchema.optional(),
      flapping: z.boolean().optional(),
      ...pageRequestSchema.shape,
    },
    response: pageOf(deviceLivenessSchema),
  }),
  deviceGet: defineRpc({
    pattern: p('devices.get'),
    params: { deviceId: deviceIdSchema },
    response: deviceLivenessSchema,
  }),
  /** Several devices at once (a page of a device table); untracked ids are left out of `items`. */
  devicesGet: defineRpc({
    pattern: p('devices.get-many'),
    params: { deviceIds: z.array(deviceIdSchema).min(1).max(500) },
    response: z.object({ items: z.array(deviceLivenessSchema) }),
  }),
  deviceHistory: defineRpc({
    pattern: p('devices.history'),
    params: {
      deviceId: deviceIdSchema,
      from: isoDateTimeSchema,
      to: isoDateTimeSchema,
      limit: z.number().int().min(1).max(1000).default(100),
    },
    response: z.object({ items: z.array(offlineIntervalSchema) }),
  }),
  summary: defineRpc({ pattern: p('summary'), params: {}, response: fleetSummarySchema }),
  /** Availability of one device or one site (average over its devices) in a window, minus maintenance windows. */
  availability: defineRpc({
    pattern: p('availability'),
    params: {
      deviceId: deviceIdSchema.optional(),
      siteId: siteIdSchema.optional(),
      from: isoDateTimeSchema,
      to: isoDateTimeSchema,
      exclude: z.array(timeRangeSchema).max(100).default([]),
    },
    response: availabilitySchema,
  }),
};
