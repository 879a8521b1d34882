import { serviceConfigSchema } from '@fleetward/platform';
import { z } from 'zod';

/** Everything the lifecycle service reads from its environment, checked once at boot (see docs/platform.md). */
export const configSchema = serviceConfigSchema('lifecycle', 8083).extend({
  /**
   * Where newly created consumers start: `all` (the projection needs the stream's history) or `new` (tests that
   * share the stream with other tests).
   */
  CONSUMER_DELIVER_FROM: z.enum(['all', 'new']).default('all'),
});

export type Config = z.infer<typeof configSchema>;
