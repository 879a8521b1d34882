import { serviceConfigSchema } from '@fleetward/platform';
import type { z } from 'zod';

/** Everything the notifier service reads from its environment, checked once at boot (see docs/platform.md). */
export const configSchema = serviceConfigSchema('notifier', 8084);

export type Config = z.infer<typeof configSchema>;
