import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { testNatsUrl } from '@fleetward/platform/testing';
// @ts-expect-error tools/dev is plain JavaScript without type declarations
import { root, startStack } from '../../../../tools/dev/stack.mjs';

export const repoRoot: string = root;
export const artifacts = path.join(repoRoot, 'test-artifacts/console');

/** A stack's engines: the test file's own NATS account, and a database of the stack's own (dropped when it stops). */
function infraFor(run: string) {
  const db = `fleetward_e2e_${run}`;
  return {
    NATS_URL: testNatsUrl(),
    REDIS_URL: 'redis://127.0.0.1:6379',
    DATABASE_URL: `postgres://fleetward_app@127.0.0.1:5432/${db}`,
    DATABASE_MIGRATION_URL: `postgres://postgres@127.0.0.1:5432/${db}`,
  };
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

/** What the e2e run needs built; missing pieces are reported as one reason. */
export function missingBuilds(): string[] {
  const need = ['apps/console/dist/index.html', 'tools/simulator/dist/main.js', 'services/gateway/dist/cli/bootstrap.js',
    ...['gateway', 'inventory', 'health', 'lifecycle', 'notifier'].map((s) => `services/${s}/dist/main.js`)];
  return need.filter((p) => !existsSync(path.join(repoRoot, p)));
}

async function dropDatabase(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/postgres' });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${new URL(url).pathname.slice(1)} WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

export interface E2eStack {
  baseUrl: string;
  orgId: string;
  adminKey: string;
  /** The running gateway's OpenAPI document. */
  openapi: { paths: Record<string, Record<string, { 'x-fleetward-permission'?: string }>> };
  stop(): Promise<void>;
  startSimulator(args: string[]): ChildProcess;
  /** Stops every simulator started so far and waits for them to exit. */
  stopSimulators(): Promise<void>;
}

/**
 * The whole stack on free ports and its own database, with unique consumer/queue names and short health timings, and
 * an organisation of its own (not the shared demo one), so it never mixes with a developer's `npm start`. `logFile`
 * names the merged log in the artifacts, for a spec whose log should not overwrite another's.
 */
export async function startE2eStack(o: { logFile?: string } = {}): Promise<E2eStack> {
  mkdirSync(artifacts, { recursive: true });
  const run = randomBytes(4).toString('hex');
  const infra = infraFor(run);
  const ports = Object.fromEntries(
    await Promise.all(['gateway', 'inventory', 'health', 'lifecycle', 'notifier'].map(async (s) => [s, await freePort()] as const)),
  );
  const log = createWriteStream(path.join(artifacts, o.logFile ?? 'stack.log'));
  const extraEnv = {
    LOG_LEVEL: 'info',
    HEALTH_REDIS_PREFIX: `fw:e2e:${run}:health`,
    HEALTH_INGEST_QUEUE: `e2e-${run}-health-ingest`,
    HEALTH_STAY_UP_MS: '2000',
    HEALTH_GAP_TOLERANCE_MS: '2000',
    CONSUMER_PREFIX: `e2e-${run}`,
    // Fresh durables, created at boot before this run writes anything: replaying the shared stream's history (every
    // earlier run's and a developer's events) first delayed this run's own events by minutes.
    CONSUMER_DELIVER_FROM: 'new',
    SSE_HEARTBEAT_MS: '2000',
    // The test's identity provider listens on loopback, which the JWKS SSRF guard refuses unless allow-listed.
    OIDC_ALLOWED_HOSTS: '127.0.0.1',
    // ...and the browser calls it over http, which the console's CSP admits only when listed.
    CONSOLE_CONNECT_SRC: 'http://127.0.0.1:*',
  };
  const keyDir = path.join(artifacts, 'keys');
  mkdirSync(keyDir, { recursive: true });
  const stack = await startStack({
    env: infra,
    ports,
    out: (line: string) => log.write(`${line}\n`),
    keyFile: path.join(keyDir, 'demo-admin-key'),
    extraEnv,
  });
  const orgName = `Console E2E ${run}`;
  const keyFile = path.join(keyDir, 'admin-key');
  const boot = spawnSync(process.execPath, ['services/gateway/dist/cli/bootstrap.js', '--org', orgName, '--org-id', `e2e-${run}`, '--out', keyFile], {
    cwd: repoRoot,
    env: { ...process.env, ...infra, DB_SCHEMA: 'gateway' },
    encoding: 'utf8',
  });
  if (boot.status !== 0) {
    await stack.stop();
    throw new Error(`bootstrap failed: ${boot.stderr || boot.stdout}`);
  }
  const adminKey = readFileSync(keyFile, 'utf8').trim();
  const baseUrl = `http://127.0.0.1:${ports.gateway}`;
  const openapi = (await (await fetch(`${baseUrl}/api/openapi.json`)).json()) as E2eStack['openapi'];
  const sims: ChildProcess[] = [];
  return {
    baseUrl,
    orgId: `e2e-${run}`,
    adminKey,
    openapi,
    startSimulator(args) {
      const child = spawn(process.execPath, ['tools/simulator/dist/main.js', '--nats', infra.NATS_URL, ...args], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
      child.stdout?.on('data', (b: Buffer) => log.write(`simulator: ${b.toString()}`));
      child.stderr?.on('data', (b: Buffer) => log.write(`simulator: ${b.toString()}`));
      sims.push(child);
      return child;
    },
    async stopSimulators() {
      const running = sims.filter((s) => s.exitCode === null);
      for (const s of running) s.kill('SIGTERM');
      await Promise.all(running.map((s) => new Promise((r) => (s.exitCode !== null ? r(null) : s.once('exit', r)))));
    },
    async stop() {
      for (const s of sims) if (s.exitCode === null) s.kill('SIGTERM');
      await stack.stop();
      await dropDatabase(infra.DATABASE_MIGRATION_URL);
      log.end();
    },
  };
}

export function writeJson(file: string, value: unknown): void {
  writeFileSync(path.join(artifacts, file), JSON.stringify(value, null, 2));
}
