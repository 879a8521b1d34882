import { z } from 'zod';
import { deviceIdSchema, orgIdSchema, siteIdSchema } from '../ids.js';
import { isoDateTimeSchema } from '../common/time.js';

/**
 * Heartbeats are not events: they are high-volume liveness samples on core NATS, `Subjects.heartbeat(orgId, siteId)`.
 * What they change (a device going offline, degraded, back online) is published as a durable event by the health service.
 */

/** Most samples in one batch: a site collector splits larger sites (keeps a batch well under NATS' 1 MB). */
export const MAX_HEARTBEAT_BATCH = 2000;

export const faultCodeSchema = z.enum([
  'recording-stopped',
  'video-loss',
  'tamper',
  'storage-failure',
  'storage-full',
  'power-failure',
  'high-temperature',
  'network-degraded',
  'door-forced',
  'door-held-open',
  'clock-drift',
  'other',
]);
export type FaultCode = z.infer<typeof faultCodeSchema>;

export const heartbeatStatusSchema = z.enum(['ok', 'degraded']);

export const heartbeatMetricsSchema = z.strictObject({
  uptimeSec: z.number().int().nonnegative().optional(),
  temperatureC: z.number().min(-100).max(200).optional(),
  cpuPct: z.number().min(0).max(100).optional(),
  storageUsedPct: z.number().min(0).max(100).optional(),
  recordingDays: z.number().nonnegative().optional(),
});

/** One device saying "I am alive" at `ts`. A sample without status counts as `ok`. */
export const heartbeatSampleSchema = z
  .strictObject({
    deviceId: deviceIdSchema,
    ts: isoDateTimeSchema,
    status: heartbeatStatusSchema.optional(),
    faults: z
      .array(faultCodeSchema)
      .min(1)
      .max(32)
      .optional()
      .describe('Present (non-empty) exactly when `status` is `degraded`.'),
    metrics: heartbeatMetricsSchema.optional(),
  })
  .refine((s) => (s.status === 'degraded') === (s.faults !== undefined), {
    message: 'faults are given exactly when status is degraded',
    path: ['faults'],
  });
export type HeartbeatSample = z.infer<typeof heartbeatSampleSchema>;

/** What travels on `fleet.hb.<orgId>.<siteId>`: one or more samples from a device or a site collector. */
export const heartbeatBatchSchema = z.strictObject({
  collectorId: z
    .string()
    .min(1)
    .max(128)
    .optional()
    .describe('The site collector that sent the batch; absent when a device reports for itself.'),
  orgId: orgIdSchema,
  siteId: siteIdSchema,
  sentAt: isoDateTimeSchema,
  samples: z.array(heartbeatSampleSchema).min(1).max(MAX_HEARTBEAT_BATCH),
});
export type HeartbeatBatch = z.infer<typeof heartbeatBatchSchema>;
