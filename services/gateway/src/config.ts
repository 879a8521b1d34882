import { serviceConfigSchema } from '@fleetward/platform';
import type { z } from 'zod';
import { gatewaySettingsShape } from './gateway-settings.js';

/** Everything the gateway reads from its environment, checked once at boot (see docs/platform.md). */
export const configSchema = serviceConfigSchema('gateway', 8080).extend(gatewaySettingsShape);

export type Config = z.infer<typeof configSchema>;
