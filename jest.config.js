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

export default { projects, testTimeout: 30000 };
