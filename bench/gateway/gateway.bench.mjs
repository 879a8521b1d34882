#!/usr/bin/env node
// Gateway overhead: autocannon with 50 connections against an authenticated GET that round-trips to a service over
// NATS request/reply, next to a bare Nest route of the same process, in the same run.
// Run: `npx tsc -b services/gateway && node bench/gateway/gateway.bench.mjs`. Options (environment): BENCH_SECONDS per measurement
// (default 10), BENCH_CONNECTIONS (50).
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { DataSource } from 'typeorm';
import { runMigrations } from '@fleetward/platform';
import { migrations } from '../../services/gateway/dist/migrations/index.js';
import { runBootstrap } from '../../services/gateway/dist/cli/bootstrap-command.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);

function startServer(env) {
  const child = spawn(process.execPath, [path.join(here, 'server.mjs')], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const m = /LISTENING (\d+)/.exec(out);
      if (m) resolve({ child, port: Number(m[1]) });
    });
    child.once('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
  });
}

function run(url, headers, duration) {
  return new Promise((resolve, reject) => {
    autocannon({ url, headers, connections: CONNECTIONS, duration }, (err, result) =>
      err ? reject(err) : resolve(result),
    );
  });
}

async function measure(name, url, headers) {
  await run(url, headers, 2);
  const r = await run(url, headers, SECONDS);
  const bad = r.non2xx + r.errors + r.timeouts;
  return {
    route: name,
    'req/s': Math.round(r.requests.average),
    'p50 ms': r.latency.p50,
    'p99 ms': r.latency.p99,
    'non-2xx/errors': bad,
  };
}

const OWNER_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/fleetward_test';
const appUrl = Object.assign(new URL(OWNER_URL), { username: 'fleetward_app', password: '' }).toString();
const schema = `bench_gw_${randomBytes(4).toString('hex')}`;
await runMigrations({ databaseUrl: OWNER_URL, schema, migrations });
const dataSource = await new DataSource({
  type: 'postgres',
  url: appUrl,
  schema,
  extra: { options: `-c search_path=${schema}` },
}).initialize();
let server;
try {
  const { result } = await runBootstrap(dataSource, { org: `Bench ${randomBytes(4).toString('hex')}` });
  server = await startServer({
    DATABASE_URL: appUrl,
    DB_SCHEMA: schema,
    PORT: '0',
    LOG_LEVEL: 'warn',
    RATE_LIMIT_MAX: '100000000',
    BENCH_PATTERN: `echo-${randomBytes(4).toString('hex')}`,
  });
  const base = `http://127.0.0.1:${server.port}`;
  const auth = { authorization: `Bearer ${result.key}` };
  const check = await fetch(`${base}/api/v1/bench/echo`, { headers: auth });
  if (check.status !== 200) throw new Error(`authenticated route answered ${check.status}: ${await check.text()}`);
  const rows = [
    await measure('bare Nest route (GET /bench/bare)', `${base}/bench/bare`, {}),
    await measure('authenticated GET -> NATS RPC -> reply (GET /api/v1/bench/echo)', `${base}/api/v1/bench/echo`, auth),
  ];
  console.table(rows);
  console.log(`connections ${CONNECTIONS}, ${SECONDS}s per route after a 2s warm-up, node ${process.version}`);
} finally {
  if (server && server.child.exitCode === null) {
    const exited = new Promise((resolve) => server.child.once('exit', resolve));
    server.child.kill('SIGTERM');
    await exited;
  }
  await dataSource.destroy();
  const owner = await new DataSource({ type: 'postgres', url: OWNER_URL }).initialize();
  await owner.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await owner.destroy();
}
