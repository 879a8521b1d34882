// Rebuild of the health service's Redis state from its Postgres directory after Redis lost it (issue 21).
//   npx tsc -b services/health && node bench/health/rebuild.bench.mjs [--devices 100000] [--orgs 1] [--rounds 3]
//     [--buckets 1024] [--page 100000]
// The directory gets `devices` rows (1% with an open offline interval) over 1000 sites, loaded set-based as the
// owner (the fixture, not measured). Each round empties this run's key prefix in the shared Redis (what FLUSHALL
// does to the whole state) and times one rebuild as the service runs it: the app role under row-level security,
// pages (--page) read from Postgres while the previous page is written to Redis through the restore script.
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import pg from 'pg';
import { Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import { REDIS_URL, arg, dropPrefix, health } from './shared.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const { runMigrations } = await import(pathToFileURL(path.join(root, 'libs/platform/dist/index.js')).href);
const { migrations } = await health('migrations/index.js');
const { ExpectedDeviceSourceRepository } = await health('directory/expected-device-source.repository.js');
const { StateEpochStore } = await health('engine/state-epoch.store.js');
const { StateRebuilder, defaultRebuildOptions } = await health('rebuild/state-rebuilder.js');
const { defaultEngineOptions } = await health('engine/engine-options.js');

const devices = Number(arg('devices', '100000'));
const orgs = Number(arg('orgs', '1'));
const rounds = Number(arg('rounds', '3'));
// HEALTH_STATE_BUCKETS: keep devices per organisation / buckets under ~100 (services/health/src/config.ts)
const buckets = Number(arg('buckets', String(defaultEngineOptions.stateBuckets)));
const pageSize = Number(arg('page', String(defaultRebuildOptions.pageSize)));
const ownerUrl = process.env.FLEETWARD_BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/fleetward_test';
const appUrl = Object.assign(new URL(ownerUrl), { username: 'fleetward_app', password: '' }).toString();
const schema = `bench_health_rebuild_${process.pid}`;
const prefix = `bench:health:rebuild:${process.pid}`;
const log = (...a) => process.stdout.write(a.join(' ') + '\n');

await runMigrations({ databaseUrl: ownerUrl, schema, migrations });
const owner = new pg.Client({ connectionString: ownerUrl, options: `-c search_path=${schema}` });
await owner.connect();
const ds = await new DataSource({
  type: 'postgres',
  url: appUrl,
  schema,
  extra: { options: `-c search_path=${schema}`, max: 2 },
}).initialize();
const redis = new Redis(REDIS_URL);
try {
  const t0 = performance.now();
  await owner.query(
    `INSERT INTO device_directory (org_id, device_id, site_id, site_path, name, type, tags, status, updated_at, threshold_ms, interval_ms)
     SELECT 'bench-org-' || (i % $2), md5(i::text)::uuid::text, 'site-' || (i % 1000), ARRAY['site-' || (i % 1000)],
       'cam ' || i, 'camera', '{}', 'active', now(), 180000, 60000
     FROM generate_series(1, $1) i`,
    [devices, orgs],
  );
  await owner.query(`INSERT INTO known_org (org_id) SELECT DISTINCT org_id FROM device_directory`);
  await owner.query(
    `INSERT INTO state_interval (id, org_id, device_id, site_id, state, cause, started_at)
     SELECT gen_random_uuid(), org_id, device_id, site_id, 'offline', 'device', now() - interval '1 hour'
     FROM device_directory WHERE right(device_id, 2) = '00'`,
  );
  await owner.query('ANALYZE device_directory; ANALYZE state_interval');
  log(
    `directory: ${devices.toLocaleString('en')} devices in ${orgs} organisation(s) loaded in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );

  const epoch = new StateEpochStore(redis, prefix, buckets);
  const rebuilder = new StateRebuilder(epoch, new ExpectedDeviceSourceRepository(ds), {
    ...defaultRebuildOptions,
    pageSize,
  });
  const figures = [];
  for (let r = 0; r < rounds; r++) {
    await dropPrefix(redis, prefix);
    rebuilder.notice();
    await rebuilder.idle();
    const { outcome, restored, durationMs } = rebuilder.last;
    if (outcome !== 'done' || restored !== devices) throw new Error(`round ${r}: ${outcome}, ${restored} restored`);
    figures.push(durationMs);
    log(
      `round ${r + 1}: rebuilt ${restored.toLocaleString('en')} devices in ${durationMs} ms (${Math.round(restored / (durationMs / 1000)).toLocaleString('en')} devices/s)`,
    );
  }
  // where the time goes: the directory read alone (same pages, nothing written)
  const source = new ExpectedDeviceSourceRepository(ds);
  const tr = performance.now();
  let read = 0;
  for (const org of await source.orgs()) {
    let page = await source.page(org, '', pageSize);
    while (page.length > 0) {
      read += page.length;
      page = await source.page(org, page.at(-1).deviceId, pageSize);
    }
  }
  log(`directory read alone: ${read.toLocaleString('en')} devices in ${Math.round(performance.now() - tr)} ms`);
  const sorted = [...figures].sort((a, b) => a - b);
  log(`median ${sorted[Math.floor(sorted.length / 2)]} ms over ${rounds} rounds`);
} finally {
  await dropPrefix(redis, prefix);
  await redis.quit();
  await ds.destroy();
  await owner.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await owner.end();
}
