#!/usr/bin/env node
// A filtered device page at BENCH_DEVICES (default 1,000,000) devices: p50/p99 latency at BENCH_CONCURRENCY (20)
// concurrent clients calling the inventory's DeviceService.list in-process (app role, row-level security, the
// service's own SQL), so the figure is the service + Postgres without NATS or HTTP in front.
// Run: `npx tsc -b services/inventory && node bench/inventory/device-page.bench.mjs`
import { performance } from 'node:perf_hooks';
import { DataSource } from 'typeorm';
// The file itself: the testing index also loads jest-only helpers.
import { testDatabase } from '../../libs/platform/dist/testing/test-database.js';
import { entities } from '../../services/inventory/dist/entities.js';
import { migrations } from '../../services/inventory/dist/migrations/index.js';
import { DeviceEventsService } from '../../services/inventory/dist/devices/device-events.service.js';
import { DeviceRepository } from '../../services/inventory/dist/devices/device.repository.js';
import { DeviceService } from '../../services/inventory/dist/devices/device.service.js';
import { OrgSettingsRepository } from '../../services/inventory/dist/organisations/org-settings.repository.js';
import { SiteRepository } from '../../services/inventory/dist/sites/site.repository.js';

const N = Number(process.env.BENCH_DEVICES ?? 1_000_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 20);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 2000);
const orgId = `bench-${process.pid}`;

async function seed(owner) {
  // 10 regions x 100 stores: ids r<i> and s<i>-<j>, paths /r<i>/ and /r<i>/s<i>-<j>/.
  await owner.query(
    `INSERT INTO site (id, org_id, parent_id, path, depth, name, code)
     SELECT 'r' || r, $1, NULL, '/r' || r || '/', 0, 'Region ' || r, 'R' || r FROM generate_series(1, 10) r`,
    [orgId],
  );
  await owner.query(
    `INSERT INTO site (id, org_id, parent_id, path, depth, name, code)
     SELECT 's' || r || '-' || s, $1, 'r' || r, '/r' || r || '/s' || r || '-' || s || '/', 1, 'Store ' || r || '-' || s, 'S' || r || '-' || s
     FROM generate_series(1, 10) r, generate_series(1, 100) s`,
    [orgId],
  );
  const started = performance.now();
  for (let from = 1; from <= N; from += 100_000) {
    await owner.query(
      `INSERT INTO device (id, org_id, vendor, vendor_key, type, name, serial, ip, site_id, status, warranty_end, tags, firmware_version)
       SELECT gen_random_uuid(), $1, v, lower(v), (ARRAY['camera','camera','recorder','reader','sensor','intercom'])[1 + i % 6],
         'Device ' || i, 'SN' || lpad(i::text, 9, '0'), '10.' || (i / 65536) % 256 || '.' || (i / 256) % 256 || '.' || i % 256,
         's' || (1 + i % 10) || '-' || (1 + (i / 10) % 100), CASE WHEN i % 20 = 0 THEN 'maintenance' ELSE 'active' END,
         DATE '2025-01-01' + (i % 1826), CASE WHEN i % 4 = 0 THEN ARRAY['outdoor'] ELSE ARRAY[]::text[] END, '1.' || i % 9
       FROM generate_series($2::int, $3::int) i, LATERAL (SELECT (ARRAY['Axis','Hanwha','Bosch','HID','Genetec','Avigilon'])[1 + i % 6] AS v) x`,
      [orgId, from, Math.min(N, from + 99_999)],
    );
  }
  await owner.query(`VACUUM ANALYZE device`);
  await owner.query(`ANALYZE site`);
  return (performance.now() - started) / 1000;
}

const QUERIES = [
  ['region subtree + type + status, by name', { siteId: 'r3', type: ['camera'], status: ['active'] }, 'name'],
  ['store + warranty before, by warranty end', { siteId: 's4-17', warrantyBefore: '2027-01-01' }, 'warrantyEnd'],
  ['vendor + firmware + tag, newest first', { vendor: 'axis', firmwareVersion: '1.3', tag: 'outdoor' }, '-createdAt'],
  ['free text (serial fragment)', { q: 'SN00042' }, 'name'],
  ['type only, 3rd page by name', { type: ['reader'] }, 'name', 3],
];

async function measure(service, filter, sort, pages = 1) {
  let cursor;
  for (let p = 1; p < pages; p++)
    cursor = (await service.list(orgId, filter, sort, 50, cursor)).nextCursor ?? undefined;
  const latencies = [];
  let next = 0;
  const client = async () => {
    while (next++ < REQUESTS) {
      const t = performance.now();
      await service.list(orgId, filter, sort, 50, cursor);
      latencies.push(performance.now() - t);
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, client));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const q = (p) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))].toFixed(1);
  return { p50: q(0.5), p99: q(0.99), rps: Math.round(latencies.length / seconds) };
}

const db = await testDatabase({ entities, migrations });
const app = await new DataSource({
  type: 'postgres',
  url: db.appUrl,
  schema: db.schema,
  entities,
  extra: { options: `-c search_path=${db.schema}`, max: CONCURRENCY },
}).initialize();
try {
  const seedSeconds = await seed(db.ownerDataSource);
  const settings = new OrgSettingsRepository();
  const service = new DeviceService(
    app,
    new DeviceRepository(),
    new SiteRepository(),
    settings,
    new DeviceEventsService(settings),
  );
  await service.list(orgId, {}, 'name', 50);
  console.log(
    `devices: ${N} (seeded in ${seedSeconds.toFixed(0)} s), ${CONCURRENCY} concurrent clients, ${REQUESTS} requests per query, page size 50`,
  );
  for (const [label, filter, sort, pages] of QUERIES) {
    const r = await measure(service, filter, sort, pages);
    console.log(`${label.padEnd(44)} p50 ${r.p50} ms  p99 ${r.p99} ms  ${r.rps} req/s`);
  }
} finally {
  await app.destroy();
  await db.drop();
}
