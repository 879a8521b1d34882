// Root jest: every project in one run, so `npm test` prints one summary.
import { readdirSync, existsSync } from 'node:fs';

const groups = ['libs', 'services', 'apps', 'tools', 'bench', 'deploy'];
const projects = groups.flatMap((g) =>
  existsSync(g)
    ? readdirSync(g, { withFileTypes: true })
        .filter((d) => d.isDirectory() && existsSync(`${g}/${d.name}/jest.config.js`))
        .map((d) => `<rootDir>/${g}/${d.name}`)
    : [],
);

// Test files run side by side: each has a NATS account of its own on the project's local nats-server (see
// tools/dev/jest/nats-environment.mjs), a Postgres schema of its own and unique Redis prefixes, so the stacks they
// start never answer each other's requests. Two at a time suits this project's 2-core machines (more only queues
// service boots behind each other); `--maxWorkers=N` overrides it.
export default {
  projects,
  testTimeout: 30000,
  maxWorkers: 2,
  // The run's NATS accounts, made before any file starts (tools/dev/jest/nats-pool-setup.mjs).
  globalSetup: './tools/dev/jest/nats-pool-setup.mjs',
  globalTeardown: './tools/dev/jest/nats-pool-teardown.mjs',
};
