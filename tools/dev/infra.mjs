// Finds NATS, PostgreSQL and Redis for `npm start`: configured URLs or localhost; starts missing local ones
// (Debian packages, installed when possible), else `docker compose`, else stops with what to install.
// Without NATS_URL, the installation gets the account `local` on the project's local nats-server (tools/dev/
// local-nats.mjs): its subjects, streams and consumers are its own, apart from any test run on the same machine.
import net from 'node:net';
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { addAccount, localNatsPort } from './local-nats.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export const defaults = {
  REDIS_URL: 'redis://127.0.0.1:6379',
  DATABASE_MIGRATION_URL: 'postgres://postgres@127.0.0.1:5432/fleetward',
  DATABASE_URL: 'postgres://fleetward_app@127.0.0.1:5432/fleetward',
};

export function infraEnv(env = process.env) {
  const out = {};
  for (const [k, v] of Object.entries(defaults)) out[k] = env[k] || v;
  if (env.NATS_URL) out.NATS_URL = env.NATS_URL;
  if (env.DATABASE_URL && !env.DATABASE_MIGRATION_URL) out.DATABASE_MIGRATION_URL = env.DATABASE_URL;
  return out;
}

function reachable(url, timeoutMs = 1500) {
  const u = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect({ host: u.hostname, port: Number(u.port) }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.setTimeout(timeoutMs, () => (socket.destroy(), resolve(false)));
    socket.on('error', () => resolve(false));
  });
}

function isLocal(url) {
  return ['127.0.0.1', 'localhost', '::1', '[::1]'].includes(new URL(url).hostname);
}

function dockerWorks() {
  return spawnSync('docker', ['info'], { stdio: 'ignore' }).status === 0;
}

/** Makes sure every engine answers; fills in env.NATS_URL (the local account) when none was configured. */
export async function ensureInfra(env, log) {
  await ensureEngines(env, log);
  if (env.NATS_URL) return;
  env.NATS_URL = await addAccount('local', { log: (m) => log(`nats: ${m}`) });
  const file = path.join(root, '.fleetward/nats.env');
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `# This installation's NATS account (npm start). Source it to reach its subjects: . ${path.relative(root, file)}\nexport NATS_URL='${env.NATS_URL}'\n`, { mode: 0o600 });
  log(`nats: account "local" on the local nats-server (NATS_URL in .fleetward/nats.env)`);
}

async function ensureEngines(env, log) {
  const targets = [
    ['PostgreSQL', env.DATABASE_MIGRATION_URL],
    ['Redis', env.REDIS_URL],
  ];
  if (env.NATS_URL) targets.unshift(['NATS', env.NATS_URL]);
  const down = [];
  for (const [name, url] of targets) if (!(await reachable(url))) down.push([name, url]);
  if (!env.NATS_URL && !(await reachable(`nats://127.0.0.1:${localNatsPort()}`))) down.push(['NATS', `nats://127.0.0.1:${localNatsPort()}`]);
  if (down.length === 0) return log('infrastructure: NATS, PostgreSQL and Redis reachable');

  const remote = down.filter(([, url]) => !isLocal(url));
  if (remote.length > 0) {
    throw new Error(`cannot reach ${remote.map(([n, u]) => `${n} at ${u}`).join(', ')}: check the URL or start it`);
  }
  log(`infrastructure: starting ${down.map(([n]) => n).join(', ')}`);
  const local = spawnSync('bash', [path.join(root, 'tools/dev/ensure-servers.sh')], { stdio: 'inherit' });
  if (local.status === 0) return;
  if (dockerWorks()) {
    const compose = spawnSync('docker', ['compose', '-f', path.join(root, 'deploy/compose.yaml'), 'up', '-d', 'nats', 'postgres', 'redis'], {
      stdio: 'inherit',
    });
    if (compose.status === 0) {
      // compose's NATS has no accounts: the installation uses it as it is.
      env.NATS_URL ??= 'nats://127.0.0.1:4222';
      return;
    }
  }
  throw new Error(
    'NATS, PostgreSQL and Redis are needed. Install them (Debian/Ubuntu: sudo apt-get install nats-server postgresql ' +
      'redis-server), run Docker (docker compose -f deploy/compose.yaml up -d nats postgres redis), or set NATS_URL, ' +
      'DATABASE_URL and REDIS_URL to existing servers.',
  );
}
