#!/usr/bin/env node
// `npm start`: infrastructure, build, streams, migrations, every service, the console and a demo fleet.
// Ctrl-C stops everything it started.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureInfra, infraEnv } from './infra.mjs';
import { migrateAll, services } from './migrate.mjs';
import { provision } from './nats-provision.mjs';
import { pipeLines } from './log-format.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const log = (msg) => console.log(`\x1b[1mfleetward\x1b[0m ${msg}`);
const port = Number(process.env.PORT ?? 8080);
const children = [];
let stopping = false;

function startChild(name, args, env) {
  const child = spawn(process.execPath, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  pipeLines(child.stdout, name, console.log);
  pipeLines(child.stderr, name, console.error);
  child.on('exit', (code, signal) => {
    if (!stopping) {
      log(`${name} exited (${signal ?? code}); stopping everything`);
      stop(1);
    }
  });
  children.push(child);
  return child;
}

async function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  log('stopping...');
  for (const c of children) c.kill('SIGTERM');
  await Promise.all(children.map((c) => (c.exitCode !== null ? null : new Promise((r) => c.once('exit', r)))));
  process.exit(code);
}

async function waitReady(url, timeoutMs = 60000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const ok = await fetch(url).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`${url} did not become ready within ${timeoutMs / 1000}s`);
}

async function main() {
  process.on('SIGINT', () => stop(0));
  process.on('SIGTERM', () => stop(0));
  const env = infraEnv();
  await ensureInfra(env, log);

  log('building...');
  if (spawnSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' }).status !== 0) throw new Error('build failed');
  await provision({ url: env.NATS_URL, replicas: 1, log: (m) => log(`nats: ${m}`) });
  await migrateAll(env, (m) => log(m));

  const ports = { gateway: port, inventory: 8081, health: 8082, lifecycle: 8083, notifier: 8084 };
  for (const s of services) {
    startChild(s, [`services/${s}/dist/main.js`], { ...env, PORT: String(ports[s]), DB_SCHEMA: s, ...serviceUrls(ports) });
  }
  await Promise.all(services.map((s) => waitReady(`http://127.0.0.1:${ports[s]}/readyz`)));
  log('all services ready');

  const keyFile = path.join(root, '.fleetward/demo-admin-key');
  mkdirSync(path.dirname(keyFile), { recursive: true });
  const boot = spawnSync(process.execPath, ['services/gateway/dist/cli/bootstrap.js', '--org', 'Demo Security Co', '--out', keyFile], {
    cwd: root,
    env: { ...process.env, ...env, DB_SCHEMA: 'gateway' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (boot.status !== 0) throw new Error('bootstrap of the demo organisation failed');
  const apiKey = readFileSync(keyFile, 'utf8').trim();

  startChild('simulator', ['tools/simulator/dist/main.js', '--demo', '--gateway', `http://127.0.0.1:${port}`, '--api-key', apiKey], env);

  log('');
  log(`console:   http://localhost:${port}/`);
  log(`API docs:  http://localhost:${port}/api/docs`);
  log(`admin key: ${apiKey}  (also in .fleetward/demo-admin-key)`);
  log(`try:       curl -H "Authorization: Bearer $(cat .fleetward/demo-admin-key)" http://localhost:${port}/api/v1/devices`);
  log('Ctrl-C stops everything.');
}

/** Where each service reaches the others over HTTP (large payloads are proxied, never sent as one NATS message). */
function serviceUrls(ports) {
  return Object.fromEntries(
    Object.entries(ports)
      .filter(([s]) => s !== 'gateway')
      .map(([s, p]) => [`${s.toUpperCase()}_HTTP_URL`, `http://127.0.0.1:${p}`]),
  );
}

main().catch((err) => {
  log(`could not start: ${err.message}`);
  stop(1);
});
