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

// One test file at a time: services started by different test files would share the RPC subjects on the one local
// NATS (fleet.rpc.<service>.*) and answer each other's requests from another schema. Within a file, tests isolate
// by schema, organisation ids and consumer names.
export default { projects, testTimeout: 30000, maxWorkers: 1 };
