import { serviceConfigSchema } from '@fleetward/platform';
import { z } from 'zod';

const ms = (fallback: number) => z.coerce.number().int().min(0).default(fallback);
const count = (fallback: number) => z.coerce.number().int().min(1).default(fallback);

/** Everything the health service reads from its environment, checked once at boot (see docs/platform.md). */
export const configSchema = serviceConfigSchema('health', 8082).extend({
  /** Prefix of every Redis key of the liveness state (tests and several deployments can share one Redis). */
  HEALTH_REDIS_PREFIX: z.string().min(1).default('fw:health'),
  /**
   * Hashes per organisation holding device states. Keep devices-per-organisation / buckets under Redis'
   * hash-max-listpack-entries (128) so each stays compact: 1024 fits 100k devices an organisation, 8192 a million.
   * Fixed for the life of a key prefix (a device's bucket derives from it).
   */
  HEALTH_STATE_BUCKETS: z.coerce.number().int().min(1).max(65_536).default(1024),
  /** Queue group of the heartbeat subscription shared by the replicas. */
  HEALTH_INGEST_QUEUE: z.string().min(1).default('health-ingest'),
  /** A device back from offline must stay up this long before device.online. */
  HEALTH_STAY_UP_MS: ms(60_000),
  HEALTH_FLAP_COUNT: count(3),
  HEALTH_FLAP_WINDOW_MS: ms(900_000),
  /** Share of a site's devices silent together that makes one site.unreachable. */
  HEALTH_SITE_SHARE: z.coerce.number().gt(0).max(1).default(0.8),
  HEALTH_SITE_MIN_DEVICES: count(3),
  HEALTH_SITE_HOLD_MS: ms(400),
  HEALTH_SITE_WINDOW_MS: ms(5_000),
  /** Input silent longer than this is a gap: afterwards a full threshold passes before anything goes offline. */
  HEALTH_GAP_TOLERANCE_MS: ms(2_000),
});

export type Config = z.infer<typeof configSchema>;
