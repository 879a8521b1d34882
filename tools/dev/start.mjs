#!/usr/bin/env node
// `npm start`: infrastructure, build, streams, migrations, every service, the console and a demo fleet.
// Ctrl-C stops everything it started.
import { existsSync } from 'node:fs';
import { ensureInfra, infraEnv } from './infra.mjs';
import { build, startStack } from './stack.mjs';

const log = (msg) => console.log(`\x1b[1mfleetward\x1b[0m ${msg}`);
const port = Number(process.env.PORT ?? 8080);
// The demo organisation's id; another id keeps a second stack's events apart from a developer's on a shared NATS.
const orgId = process.env.DEMO_ORG || 'demo';
let stack = null;
let stopping = false;

async function stop(code) {
  if (stopping) return;
  stopping = true;
  log('stopping...');
  await stack?.stop();
  process.exit(code);
}

async function main() {
  process.on('SIGINT', () => stop(0));
  process.on('SIGTERM', () => stop(0));
  const env = infraEnv();
  await ensureInfra(env, log);
  log('building...');
  if (!build()) throw new Error('build failed');

  const ports = { gateway: port, inventory: 8081, health: 8082, lifecycle: 8083, notifier: 8084 };
  stack = await startStack({
    env,
    ports,
    orgId,
    out: console.log,
    onExit: (name, code) => {
      log(`${name} exited (${code}); stopping everything`);
      stop(1);
    },
  });
  stack.spawnNode('simulator', [...(await simulatorArgs(stack)), '--nats', env.NATS_URL], env);

  log('');
  log(`console:   http://localhost:${port}/`);
  log(`API docs:  http://localhost:${port}/api/docs`);
  log(`admin key: ${stack.apiKey}  (also in .fleetward/demo-admin-key)`);
  log(`try:       curl -H "Authorization: Bearer $(cat .fleetward/demo-admin-key)" http://localhost:${port}/api/v1/devices`);
  log('Ctrl-C stops everything.');
}

/**
 * The demo fleet: a realistic organisation (site tree, vendor models, firmware catalog, policies) registered through
 * the API on the first start (and saved), reused afterwards. A fleet file of an older kind (the bare simulated cameras
 * of earlier versions) is registered again and its devices retired. A few devices fail and recover, some flap, and
 * one site goes dark for two minutes after two minutes, so every view has something.
 */
async function simulatorArgs(stack) {
  const fleetFile = '.fleetward/demo-fleet.json';
  const { isCurrentDemoFleet } = await import('../simulator/dist/index.js');
  const reuse = existsSync(fleetFile) && (await isCurrentDemoFleet(fleetFile, stack.orgId));
  const retire = existsSync(fleetFile) && !reuse ? ['--retire', fleetFile] : [];
  const fleet = reuse
    ? ['--fleet', fleetFile]
    : ['--register', `http://127.0.0.1:${port}`, '--api-key', stack.apiKey, '--org', stack.orgId, '--demo', '--devices', '240', '--sites', '12', '--write-fleet', fleetFile, ...retire];
  const modes = ['--interval', '10', '--threshold', '30', '--failure-rate', '0.002', '--recovery-rate', '0.3', '--flapping', '0.01', '--progress-every', '30'];
  return ['tools/simulator/dist/main.js', ...fleet, ...modes, '--site-dark', '1', '--site-dark-at', '120', '--site-dark-for', '120'];
}

main().catch(async (err) => {
  log(`could not start: ${err.message}`);
  await stop(1);
});
