import { serviceConfigSchema } from '@fleetward/platform';
import type { z } from 'zod';

/** Everything the lifecycle service reads from its environment, checked once at boot (see docs/platform.md). */
export const configSchema = serviceConfigSchema('lifecycle', 8083);

export type Config = z.infer<typeof configSchema>;
