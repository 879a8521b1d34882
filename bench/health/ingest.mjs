// Heartbeat ingest throughput: one health replica next to a raw core-NATS subscriber on the same stream, same run.
//   npx tsc -b services/health && node bench/health/ingest.mjs [--devices 100000] [--seconds 10]
import { spawn } from 'node:child_process';
import { writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Redis } from 'ioredis';
import { REDIS_URL, arg, benchOrg, deviceIds, dropPrefix, health, registerAll } from './shared.mjs';

const devices = Number(arg('devices', '100000'));
const seconds = Number(arg('seconds', '10'));
const warmupMs = 2000;
const here = new URL('.', import.meta.url).pathname;

const { HealthStore } = await health('engine/health-store.js');
const { defaultEngineOptions } = await health('engine/engine-options.js');
const prefix = `bench:health:${Date.now()}`;
const redis = new Redis(REDIS_URL);
const store = new HealthStore(redis, { ...defaultEngineOptions, keyPrefix: prefix });
const orgId = benchOrg();
const ids = deviceIds(devices);
await registerAll(store, orgId, ids, (i) => `site-${i % 100}`, 600_000, 60_000);
const fleetFile = join(tmpdir(), `fleetward-bench-fleet-${process.pid}.json`);
writeFileSync(fleetFile, JSON.stringify({ orgId, ids }));

function child(script, args) {
  const p = spawn(process.execPath, [join(here, script), ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = [];
  const waiters = [];
  createInterface({ input: p.stdout }).on('line', (l) => {
    const msg = JSON.parse(l);
    lines.push(msg);
    waiters.splice(0).forEach((w) => w(msg));
  });
  const next = () => new Promise((r) => waiters.push(r));
  const exited = new Promise((r) => p.on('exit', r));
  return { p, lines, next, exited };
}

function rate(series, from, to) {
  const inWindow = series.filter((s) => s.t >= from && s.t <= to && s.samples !== undefined);
  if (inWindow.length < 2) return NaN;
  const a = inWindow[0];
  const b = inWindow[inWindow.length - 1];
  return ((b.samples - a.samples) * 1000) / (b.t - a.t);
}

const results = [];
for (const perMsg of [1, 100]) {
  const raw = child('ingest-raw.mjs', ['--org', orgId, '--per-msg', String(perMsg)]);
  const hc = child('ingest-health.mjs', ['--prefix', prefix]);
  await Promise.all([raw.next(), hc.next()]);
  const start = Date.now();
  const pub = child('ingest-publisher.mjs', [
    '--fleet',
    fleetFile,
    '--per-msg',
    String(perMsg),
    '--seconds',
    String(seconds),
  ]);
  await pub.exited;
  const end = Date.now();
  // let the health replica drain what it already received, then stop both subscribers
  await new Promise((r) => setTimeout(r, 1500));
  raw.p.kill('SIGTERM');
  hc.p.kill('SIGTERM');
  await Promise.all([raw.exited, hc.exited]);
  const published = pub.lines.find((l) => l.role === 'publisher');
  const rawRate = rate(raw.lines, start + warmupMs, end);
  const healthRate = rate(hc.lines, start + warmupMs, end);
  results.push({
    'samples/msg': perMsg,
    'published/s': Math.round(published.samples / seconds),
    'raw subscriber hb/s': Math.round(rawRate),
    'health ingest hb/s': Math.round(healthRate),
    'health / raw': `${((100 * healthRate) / rawRate).toFixed(0)}%`,
    'redis writes/s': Math.round(
      rate(
        hc.lines.map((l) => ({ t: l.t, samples: l.written })),
        start + warmupMs,
        end,
      ),
    ),
    'max flush ms': Math.max(...hc.lines.filter((l) => l.maxFlushMs !== undefined).map((l) => l.maxFlushMs)),
    'health rss MB': Math.round(Math.max(...hc.lines.filter((l) => l.rss).map((l) => l.rss)) / 1e6),
  });
}
console.table(results);
rmSync(fleetFile);
await dropPrefix(redis, prefix);
await redis.quit();
