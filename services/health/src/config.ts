import { serviceConfigSchema } from '@fleetward/platform';
import type { z } from 'zod';

/** Everything the health service reads from its environment, checked once at boot (see docs/platform.md). */
export const configSchema = serviceConfigSchema('health', 8082);

export type Config = z.infer<typeof configSchema>;
