import { serviceConfigSchema } from '@fleetward/platform';
import { z } from 'zod';

const ms = (fallback: number, min: number) => z.coerce.number().int().min(min).default(fallback);

/** Everything the lifecycle service reads from its environment, checked once at boot (see docs/platform.md). */
export const configSchema = serviceConfigSchema('lifecycle', 8083).extend({
  /**
   * How often a replica looks for organisations whose evaluation is due: their next local midnight has passed, or
   * events changed them a moment ago (the organisation-wide plan after a batch of device events). One small indexed
   * query per poll. 0 turns the poll off (compliance then follows events, the plan is evaluated on request only).
   */
  LIFECYCLE_SCHEDULE_POLL_MS: ms(1_000, 0),
  /**
   * How long a replica owns a claimed daily run. A replica that dies mid-run leaves its claim; another retries the
   * organisation once this has passed. Keep it well above the longest evaluation (seconds for 1M devices).
   */
  LIFECYCLE_SCHEDULE_LEASE_MS: ms(900_000, 1_000),
});

export type Config = z.infer<typeof configSchema>;
