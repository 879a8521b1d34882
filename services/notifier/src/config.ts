import { minShutdownTimeoutMs, serviceConfigSchema } from '@fleetward/platform';
import { z } from 'zod';

const smtpUrl = z.string().refine((v) => {
  try {
    return ['smtp:', 'smtps:'].includes(new URL(v).protocol);
  } catch {
    return false;
  }
}, 'must be an smtp:// or smtps:// URL');

/** Everything the notifier service reads from its environment, checked once at boot (see docs/platform.md). */
export const configSchema = serviceConfigSchema('notifier', 8084)
  .extend({
    /** Outgoing mail server for email channels, e.g. smtp://user:pass@mail.example.com:587. */
    SMTP_URL: smtpUrl.default('smtp://127.0.0.1:25'),
    SMTP_FROM: z.string().min(3).default('Fleetward <fleetward@localhost>'),
    /** The console's public URL, for links in messages (empty: no links). */
    PUBLIC_URL: z.url().optional(),
    /** A webhook that does not answer within this is cut and retried. */
    WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
    /** Attempts per delivery before it becomes a dead letter. */
    DELIVERY_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(8),
    /**
     * Jobs (mostly deliveries) one replica runs at once. Deliveries wait on the network, so this bounds throughput
     * (about concurrency / endpoint latency): 200 keeps a replica busy with a 10 ms local endpoint (bench/README.md)
     * and gives ~2,000/s against endpoints answering in 100 ms.
     */
    DELIVERY_CONCURRENCY: z.coerce.number().int().min(1).max(2_000).default(200),
    /**
     * Grouped lifecycle incidents (warranty, firmware, replacement) are told about as a digest: after the first
     * message, at most one per notification group in this interval (or the rule's group interval, if longer).
     */
    GROUP_DIGEST_INTERVAL_SEC: z.coerce.number().int().min(1).max(7 * 86_400).default(3_600),
    /** First retry delay; doubles each attempt, with jitter. */
    DELIVERY_BACKOFF_MS: z.coerce.number().int().min(10).max(600_000).default(5_000),
    /**
     * A stop lets the webhook deliveries in progress finish (the BullMQ worker closes in onModuleDestroy), so the
     * budget must outlast a webhook: at least minShutdownTimeoutMs(WEBHOOK_TIMEOUT_MS), 24 s with the defaults.
     */
    SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(1_000).max(600_000).default(30_000),
  })
  .refine((c) => c.SHUTDOWN_TIMEOUT_MS >= minShutdownTimeoutMs(c.WEBHOOK_TIMEOUT_MS), {
    path: ['SHUTDOWN_TIMEOUT_MS'],
    message: 'must be at least 2 x (WEBHOOK_TIMEOUT_MS + 2000), so a webhook in progress can finish during a stop',
  });

export type Config = z.infer<typeof configSchema>;
