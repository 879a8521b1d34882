#!/usr/bin/env node
// `npm test`: builds what the tests run as processes, runs every jest project once, and ends with the line
// `N passed, N failed` so a run that executed no test is visible. Extra arguments go to jest.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const run = (cmd, args, env = {}) =>
  spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } }).status ?? 1;

if (run('npm', ['run', '--silent', 'build']) !== 0) {
  console.log('build failed\n0 passed, 1 failed');
  process.exit(1);
}

mkdirSync(path.join(root, 'test-artifacts'), { recursive: true });
const results = path.join(root, 'test-artifacts/jest-results.json');
rmSync(results, { force: true });
const jestBin = path.join(root, 'node_modules/jest/bin/jest.js');
const status = run(process.execPath, [jestBin, '--json', `--outputFile=${results}`, ...process.argv.slice(2)], {
  NODE_OPTIONS: [process.env.NODE_OPTIONS, '--experimental-vm-modules'].filter(Boolean).join(' '),
});

let passed = 0;
let failed;
try {
  const r = JSON.parse(readFileSync(results, 'utf8'));
  passed = r.numPassedTests;
  failed = r.numFailedTests + r.numRuntimeErrorTestSuites;
} catch {
  failed = 1;
}
if (status !== 0 && failed === 0) failed = 1;
console.log(`${passed} passed, ${failed} failed`);
process.exit(status === 0 && failed === 0 && passed > 0 ? 0 : 1);
