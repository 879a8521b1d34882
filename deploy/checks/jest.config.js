import path from 'node:path';
import { projectConfig } from '../../jest.preset.js';

const base = projectConfig(import.meta.dirname);
const platformConfig = path.resolve(import.meta.dirname, '../../libs/platform/src/config/index.ts');

// The checks import each service's src/config.ts to read its zod schema. Those files take their building blocks
// from the platform's config module; mapping `@fleetward/platform` to that module alone keeps the checks from loading
// Nest, TypeORM and the NATS client just to read a schema.
export default {
  ...base,
  moduleNameMapper: { '^@fleetward/platform$': platformConfig, ...base.moduleNameMapper },
};
