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

// Most tests wait on NATS, Postgres and Redis rather than the CPU: two workers keep a 2-core machine busy without
// starving the timing-sensitive ones (offline detection within a second).
export default { projects, testTimeout: 30000, maxWorkers: 2 };
