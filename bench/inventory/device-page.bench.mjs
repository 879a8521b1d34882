#!/usr/bin/env node
// A filtered device page at BENCH_DEVICES (default 1,000,000) devices, through the real stack: autocannon with
// BENCH_CONNECTIONS (20) concurrent clients -> gateway HTTP (API key, rate limit, permission, audit) -> NATS RPC ->
// inventory service (row-level security, its own SQL) -> Postgres, pages of 50. Both services run as child processes
// from their dist/ builds, on fresh schemas; the fleet is seeded with set-based SQL (fleet-seed.mjs), not the API, and
// its warranty notices due so far are recorded as sent (the steady state of an organisation the inventory has known
// for a while; its warranty sweep still runs every minute).
// After each query: the same page with one connection, and its raw ceiling (raw-page.mjs: the inventory's statements
// straight on Postgres with node-postgres, BENCH_CONNECTIONS clients), each for min(BENCH_SECONDS, 5) s.
// Run: `npx tsc -b services/gateway services/inventory && node bench/inventory/device-page.bench.mjs`
// Options: BENCH_SECONDS per query (10), BENCH_ONLY=0,2 runs only those queries, BENCH_KEEP=1 keeps the two schemas and prints how to reuse them with
// BENCH_REUSE=<suffix> (skips migration and seeding); BENCH_CHILD_NODE_ARGS passes node flags to both services
// (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`).
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { generateCallerKeyPair, runMigrations } from '@fleetward/platform';
import { migrations as gatewayMigrations } from '../../services/gateway/dist/migrations/index.js';
import { runBootstrap } from '../../services/gateway/dist/cli/bootstrap-command.js';
import { migrations as inventoryMigrations } from '../../services/inventory/dist/migrations/index.js';
import { OrgSettingsRepository } from '../../services/inventory/dist/organisations/org-settings.repository.js';
import { WarrantyNoticeRepository } from '../../services/inventory/dist/warranty/warranty-notice.repository.js';
import { seedFleet } from './fleet-seed.mjs';
import { rawPage } from './raw-page.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const N = Number(process.env.BENCH_DEVICES ?? 1_000_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);
const OWNER_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/fleetward_test';
const APP_URL = Object.assign(new URL(OWNER_URL), { username: 'fleetward_app', password: '' }).toString();
const reuse = process.env.BENCH_REUSE;
const suffix = reuse ?? randomBytes(4).toString('hex');
const gwSchema = `bench_pg_gw_${suffix}`;
const invSchema = `bench_pg_inv_${suffix}`;
const orgId = `bench-${suffix}`;

// The slowest last: a service keeps working through requests the previous run left queued.
const QUERIES = [
  ['region subtree + type + status, by name', 'siteId=r3&type=camera&status=active&sort=name'],
  ['store + warranty before, by warranty end', 'siteId=s4-17&warrantyBefore=2027-01-01&sort=warrantyEnd'],
  ['vendor + firmware + tag, newest first', 'vendor=axis&firmwareVersion=1.3&tag=outdoor&sort=-createdAt'],
  ['type only, 3rd page by name', 'type=reader&sort=name', 3],
  ['free text (serial fragment, 10k matches), by name', 'q=SN00042&sort=name'],
].filter((_, i) => !process.env.BENCH_ONLY || process.env.BENCH_ONLY.split(',').includes(String(i)));

const freePort = () =>
  new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });

function start(name, main, env) {
  const nodeArgs = process.env.BENCH_CHILD_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const child = spawn(process.execPath, [...nodeArgs, path.join(root, main)], {
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  child.once('exit', (code) => code && console.error(`${name} exited with ${code}`));
  return child;
}

async function stop(child) {
  if (!child || child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

async function until(fn, ms = 60_000) {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      if (await fn()) return;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error('the stack did not come up');
    await new Promise((r) => setTimeout(r, 250));
  }
}

const SIDE_SECONDS = Math.min(SECONDS, 5);
const cannon = (url, headers, duration, connections = CONNECTIONS) =>
  new Promise((resolve, reject) =>
    autocannon({ url, headers, connections, duration }, (err, r) => (err ? reject(err) : resolve(r))),
  );

const owner = new pg.Pool({ connectionString: OWNER_URL, max: 1 });
const children = [];
try {
  let key;
  let seeded = 'reused';
  if (!reuse) {
    await runMigrations({ databaseUrl: OWNER_URL, schema: gwSchema, migrations: gatewayMigrations });
    await runMigrations({ databaseUrl: OWNER_URL, schema: invSchema, migrations: inventoryMigrations });
    const client = await owner.connect();
    try {
      await client.query(`SET search_path = "${invSchema}"`);
      const q = (sql, p) => client.query(sql, p).then((r) => r.rows);
      seeded = `seeded in ${(await seedFleet(q, orgId, N)).toFixed(0)} s`;
      // Steady state of a long-lived organisation: known to the inventory (so its minute-by-minute warranty sweep runs
      // during the benchmark, as in production) with the warranty notices due so far already sent. Otherwise the
      // service's first sweep records ~430k notices and builds their events for minutes, during the measurement.
      const manager = { query: q };
      const settings = await new OrgSettingsRepository().getOrCreate(manager, orgId); // timezone UTC
      await q('BEGIN');
      await q('SET LOCAL jit = off');
      const today = new Date().toISOString().slice(0, 10);
      const all = 2 ** 31 - 1; // every notice due, in one transaction: the bench seeds, it does not sweep
      const notices = await new WarrantyNoticeRepository().recordDue(manager, orgId, today, settings.warrantyLeadDays, all);
      await q('COMMIT');
      seeded += `, ${notices.length} warranty notices recorded as sent`;
    } finally {
      client.release();
    }
  }
  const gwData = await new DataSource({
    type: 'postgres',
    url: APP_URL,
    schema: gwSchema,
    extra: { options: `-c search_path=${gwSchema}` },
  }).initialize();
  try {
    key = (await runBootstrap(gwData, { org: `Bench ${suffix}`, orgId })).result.key;
  } finally {
    await gwData.destroy();
  }
  const [invPort, gwPort] = [await freePort(), await freePort()];
  // The gateway signs each internal call; the inventory trusts its key (docs/platform.md, "Caller assertions").
  const keys = generateCallerKeyPair();
  children.push(
    start('inventory', 'services/inventory/dist/main.js', {
      DATABASE_URL: APP_URL,
      DB_SCHEMA: invSchema,
      PORT: String(invPort),
      CALLER_VERIFY_KEYS: keys.verifyKeys,
    }),
  );
  children.push(
    start('gateway', 'services/gateway/dist/main.js', {
      DATABASE_URL: APP_URL,
      DB_SCHEMA: gwSchema,
      PORT: String(gwPort),
      RATE_LIMIT_MAX: '100000000',
      INVENTORY_HTTP_URL: `http://127.0.0.1:${invPort}`,
      CALLER_SIGNING_KEY: keys.signingKey,
      CALLER_VERIFY_KEYS: keys.verifyKeys,
    }),
  );
  const base = `http://127.0.0.1:${gwPort}/api/v1/devices`;
  const headers = { authorization: `Bearer ${key}` };
  await until(async () => (await fetch(`${base}?limit=1`, { headers })).status === 200);
  console.log(
    `devices: ${N} (${seeded}), ${CONNECTIONS} connections, ${SECONDS} s per query after 2 s warm-up, page 50`,
  );
  const rows = [];
  for (const [label, query, pages = 1] of QUERIES) {
    let url = `${base}?${query}&limit=50`;
    for (let p = 1; p < pages; p++) {
      const page = await (await fetch(url, { headers })).json();
      url = `${base}?${query}&limit=50&cursor=${encodeURIComponent(page.nextCursor)}`;
    }
    const first = await fetch(url, { headers });
    const body = await first.json();
    if (first.status !== 200 || body.items.length !== 50)
      throw new Error(`${label}: ${first.status} ${JSON.stringify(body).slice(0, 300)}`);
    await new Promise((resolve) => setTimeout(resolve, 2000));
    await cannon(url, headers, 2);
    const r = await cannon(url, headers, SECONDS);
    const one = await cannon(url, headers, SIDE_SECONDS, 1);
    const raw = await rawPage({
      url: APP_URL,
      schema: invSchema,
      orgId,
      query: new URL(url).search,
      connections: CONNECTIONS,
      seconds: SIDE_SECONDS,
    });
    rows.push({
      query: label,
      'p50 ms': r.latency.p50,
      'p99 ms': r.latency.p99,
      'req/s': Math.round(r.requests.average),
      errors: r.non2xx + r.errors + r.timeouts + one.non2xx + one.errors + one.timeouts,
      '1 conn p50/p99': `${one.latency.p50}/${one.latency.p99}`,
      'raw p50/p99': `${raw.p50}/${raw.p99}`,
      'raw pages/s': raw.rate,
      'req/s of raw': `${Math.round((100 * r.requests.average) / raw.rate)}%`,
    });
  }
  console.table(rows);
} finally {
  for (const child of children) await stop(child);
  if (process.env.BENCH_KEEP || reuse) {
    console.log(`kept schemas ${gwSchema}, ${invSchema}: rerun with BENCH_REUSE=${suffix}`);
  } else {
    await owner.query(`DROP SCHEMA IF EXISTS "${gwSchema}" CASCADE`);
    await owner.query(`DROP SCHEMA IF EXISTS "${invSchema}" CASCADE`);
  }
  await owner.end();
}
