// Shared jest settings: native ESM (Nest 12 is ESM-only) compiled by swc with decorator metadata.
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.dirname(fileURLToPath(import.meta.url));

export function projectConfig(dir, overrides = {}) {
  const name = path.relative(root, dir);
  return {
    displayName: name,
    rootDir: dir,
    // Node, plus a NATS account of each test file's own: see tools/dev/jest/nats-environment.mjs.
    testEnvironment: `${root}/tools/dev/jest/nats-environment.mjs`,
    testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.spec.ts'],
    extensionsToTreatAsEsm: ['.ts'],
    moduleNameMapper: {
      '^@fleetward/(contracts|platform)$': `${root}/libs/$1/src/index.ts`,
      '^@fleetward/(contracts|platform)/testing$': `${root}/libs/$1/src/testing/index.ts`,
      // Jest-only helpers live outside the testing index, so plain node scripts (benchmarks) can import it.
      '^@fleetward/platform/testing/service-boot-suite$': `${root}/libs/platform/src/testing/service-boot-suite.ts`,
      '^(\\.{1,2}/.*)\\.js$': '$1',
    },
    transform: {
      '^.+\\.ts$': [
        '@swc/jest',
        {
          jsc: {
            parser: { syntax: 'typescript', decorators: true },
            transform: { legacyDecorator: true, decoratorMetadata: true },
            keepClassNames: true,
            target: 'es2022',
          },
          module: { type: 'es6' },
        },
      ],
    },
    ...overrides,
  };
}
