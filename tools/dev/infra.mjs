// Finds NATS, PostgreSQL and Redis for `npm start`: configured URLs or localhost; starts missing local ones
// (Debian packages, installed when possible), else `docker compose`, else stops with what to install.
import net from 'node:net';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export const defaults = {
  NATS_URL: 'nats://127.0.0.1:4222',
  REDIS_URL: 'redis://127.0.0.1:6379',
  DATABASE_MIGRATION_URL: 'postgres://postgres@127.0.0.1:5432/fleetward',
  DATABASE_URL: 'postgres://fleetward_app@127.0.0.1:5432/fleetward',
};

export function infraEnv(env = process.env) {
  const out = {};
  for (const [k, v] of Object.entries(defaults)) out[k] = env[k] || v;
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

export async function ensureInfra(env, log) {
  const targets = [
    ['NATS', env.NATS_URL],
    ['PostgreSQL', env.DATABASE_MIGRATION_URL],
    ['Redis', env.REDIS_URL],
  ];
  const down = [];
  for (const [name, url] of targets) if (!(await reachable(url))) down.push([name, url]);
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
    if (compose.status === 0) return;
  }
  throw new Error(
    'NATS, PostgreSQL and Redis are needed. Install them (Debian/Ubuntu: sudo apt-get install nats-server postgresql ' +
      'redis-server), run Docker (docker compose -f deploy/compose.yaml up -d nats postgres redis), or set NATS_URL, ' +
      'DATABASE_URL and REDIS_URL to existing servers.',
  );
}
