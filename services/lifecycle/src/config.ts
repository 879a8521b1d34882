import { serviceConfigSchema } from '@fleetward/platform';
import { z } from 'zod';

/** Everything the lifecycle service reads from its environment, checked once at boot (see docs/platform.md). */
export const configSchema = serviceConfigSchema('lifecycle', 8083).extend({
  /**
   * Prefix of the durable consumer names (`<prefix>-org-events`, `<prefix>-catalog`). Default: `lifecycle` in the
   * `lifecycle` schema, else `lifecycle-<DB_SCHEMA>`: a consumer's position belongs to the projection it feeds.
   */
  CONSUMER_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/)
    .optional(),
  /**
   * Where newly created consumers start: `all` (the projection needs the stream's history) or `new` (tests that
   * share the stream with other tests).
   */
  CONSUMER_DELIVER_FROM: z.enum(['all', 'new']).default('all'),
});

export type Config = z.infer<typeof configSchema>;
