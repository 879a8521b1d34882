import { z } from 'zod';

/** The services that consume events, as the console names them. */
export const processingServices = ['health', 'lifecycle', 'notifier', 'inventory', 'gateway'] as const;

/** How far one service is behind the event stream (all its durable consumers together). */
export const serviceBacklogSchema = z.object({
  service: z.string(),
  /** Events not applied yet: not delivered plus delivered and not acknowledged. */
  behind: z.number().int().min(0),
  /** Age of the oldest event not applied yet; 0 when caught up. */
  oldestAgeSeconds: z.number().min(0),
  /** Events applied per second since the previous look (null on the first look). */
  eventsPerSecond: z.number().min(0).nullable(),
  /** Time to catch up at that rate (null when unknown). */
  etaSeconds: z.number().min(0).nullable(),
});

/** `GET /api/v1/status/processing`: whether every service has applied every event. */
export const processingStatusSchema = z.object({
  caughtUp: z.boolean(),
  services: z.array(serviceBacklogSchema),
  checkedAt: z.string(),
});
export type ProcessingStatus = z.infer<typeof processingStatusSchema>;
export type ServiceBacklog = z.infer<typeof serviceBacklogSchema>;
