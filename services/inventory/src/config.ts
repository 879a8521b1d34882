import { serviceConfigSchema } from '@fleetward/platform';
import type { z } from 'zod';

/** Everything the inventory service reads from its environment, checked once at boot (see docs/platform.md). */
export const configSchema = serviceConfigSchema('inventory', 8081).extend({});

export type Config = z.infer<typeof configSchema>;
