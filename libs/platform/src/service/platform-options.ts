import type { EntitySchema, MixedList } from 'typeorm';
import type { z } from 'zod';
import type { BaseConfig } from '../config/base-config.js';
import type { MigrationClass } from '../database/platform-migrations.js';

export type ServiceConfigSchema = z.ZodType<BaseConfig>;

export interface PlatformServiceOptions {
  /** Service name: `fleetward-<name>` on logs, metrics, NATS connections and the RPC queue group. */
  name: string;
  configSchema: ServiceConfigSchema;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities?: MixedList<Function | string | EntitySchema>;
  migrations?: MigrationClass[];
  /** JetStream streams that must exist before the service starts (default: FLEET_EVENTS and FLEET_DLQ). */
  streams?: readonly string[];
  /** Environment to read (default: process.env). */
  env?: Record<string, string | undefined>;
}
