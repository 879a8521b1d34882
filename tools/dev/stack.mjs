// Runs the whole Fleetward stack as child processes: used by `npm start` and by end-to-end tests (which pass their
// own database, ports and schemas so they never touch the developer's data).
import { spawn, spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { migrateAll, services } from './migrate.mjs';
import { provision } from './nats-provision.mjs';
import { pipeLines } from './log-format.mjs';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

// Generous: on a loaded 2-core machine five Nest services can take over a minute to boot together.
async function waitReady(url, child, timeoutMs = 180000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${url}: the process exited (${child.exitCode}) before it was ready`);
    const ok = await fetch(url).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not become ready within ${timeoutMs / 1000}s`);
}

/**
 * The caller-assertion key pair of one stack run: the gateway signs every internal call with the private key, every
 * service trusts the public one (see docs/platform.md, "Caller assertions"). Made per run and held only in the
 * children's environment, so no key is written to disk and a restart of the stack rotates it.
 */
function callerKeys() {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    signing: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
    verify: publicKey.export({ format: 'pem', type: 'spki' }).toString(),
  };
}

/** What each service gets beyond the shared settings: the gateway the signing key, the others loopback only. */
function perServiceEnv(service, keys) {
  return service === 'gateway'
    ? { CALLER_SIGNING_KEY: keys.signing, CALLER_VERIFY_KEYS: keys.verify }
    : { CALLER_VERIFY_KEYS: keys.verify, BIND_ADDRESS: '127.0.0.1' };
}

/**
 * @param {object} o
 * @param {Record<string,string>} o.env infrastructure URLs (NATS_URL, REDIS_URL, DATABASE_URL, DATABASE_MIGRATION_URL)
 * @param {Record<string,number>} o.ports per service
 * @param {(line: string) => void} o.out where merged logs go
 * @param {(service: string, code: number|null) => void} [o.onExit] a child exited unexpectedly
 * @param {string} [o.keyFile] where the bootstrap admin key is written
 * @param {string} [o.orgId] the bootstrap organisation's id (default `demo`)
 * @param {Record<string,string>} [o.extraEnv] given to every service (e.g. short thresholds for tests)
 */
export async function startStack(o) {
  const children = new Map();
  let stopping = false;
  const stop = async () => {
    stopping = true;
    for (const c of children.values()) if (c.exitCode === null) c.kill('SIGTERM');
    await Promise.all([...children.values()].map((c) => (c.exitCode !== null ? null : new Promise((r) => c.once('exit', r)))));
  };
  const spawnNode = (name, args, env) => {
    const child = spawn(process.execPath, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    pipeLines(child.stdout, name, o.out);
    pipeLines(child.stderr, name, o.out);
    child.on('exit', (code) => !stopping && o.onExit?.(name, code));
    children.set(name, child);
    return child;
  };
  try {
    // Production stream sizes are reserved on the server's store up front: cap them to fit a development disk.
    await provision({ url: o.env.NATS_URL, replicas: 1, maxBytesCap: 512 * 2 ** 20, log: (m) => o.out(`nats: ${m}`) });
    await migrateAll(o.env, o.out);
    const urls = Object.fromEntries(
      services.filter((s) => s !== 'gateway').map((s) => [`${s.toUpperCase()}_HTTP_URL`, `http://127.0.0.1:${o.ports[s]}`]),
    );
    // The bootstrap organisation curates the firmware catalog of this (single-organisation) installation.
    const catalog = { CATALOG_ORGS: o.orgId ?? 'demo' };
    const keys = callerKeys();
    for (const s of services) {
      const own = { ...perServiceEnv(s, keys), PORT: String(o.ports[s]), DB_SCHEMA: s };
      spawnNode(s, [`services/${s}/dist/main.js`], { ...o.env, ...urls, ...catalog, ...o.extraEnv, ...own });
    }
    await Promise.all(services.map((s) => waitReady(`http://127.0.0.1:${o.ports[s]}/readyz`, children.get(s))));

    const keyFile = o.keyFile ?? path.join(root, '.fleetward/demo-admin-key');
    mkdirSync(path.dirname(keyFile), { recursive: true });
    const boot = spawnSync(process.execPath, ['services/gateway/dist/cli/bootstrap.js', '--org', 'Demo Security Co', '--org-id', o.orgId ?? 'demo', '--out', keyFile], {
      cwd: root,
      env: { ...process.env, ...o.env, DB_SCHEMA: 'gateway' },
      encoding: 'utf8',
    });
    if (boot.status !== 0) throw new Error(`bootstrap of the demo organisation failed: ${boot.stderr || boot.stdout}`);
    const apiKey = readFileSync(keyFile, 'utf8').trim();
    return { apiKey, orgId: o.orgId ?? 'demo', children, stop, spawnNode };
  } catch (err) {
    await stop();
    throw err;
  }
}

/** Builds the workspace (tsc -b via Nx, and the console). */
export function build() {
  return spawnSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' }).status === 0;
}
