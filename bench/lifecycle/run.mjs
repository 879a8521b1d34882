#!/usr/bin/env node
// Lifecycle benchmark: full set-based re-evaluation of firmware compliance and replacement policies for a fleet of
// N devices in one organisation (default 1,000,000), against one raw `UPDATE device ... WHERE warranty_end < now()`
// over the same table, in the same run, through the same app role and row-level security.
// Needs `npx tsc -p services/lifecycle` (it runs the service's compiled SQL and repositories).
// Usage: node bench/lifecycle/run.mjs [devices]   (FLEETWARD_BENCH_DATABASE_URL, default the local fleetward_test)
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { fileURLToPath, pathToFileURL } from 'node:url';
import pg from 'pg';
import copyStreams from 'pg-copy-streams';
import { DataSource } from 'typeorm';
import { catalog, devices, sites } from './fleet-data.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const load = (p) => import(pathToFileURL(path.join(root, p)).href);
const { runMigrations, withOrg } = await load('libs/platform/dist/index.js');
const { migrations } = await load('services/lifecycle/dist/migrations/index.js');
const { versionKey, versionLine } = await load('services/lifecycle/dist/firmware/version-key.js');
const { nameKey } = await load('services/lifecycle/dist/projection/projection.types.js');
const { CatalogRepository } = await load('services/lifecycle/dist/catalog/catalog.repository.js');
const { firmwareReleaseInputSchema } = await load('services/lifecycle/dist/catalog/firmware-release.schema.js');
const { ComplianceRepository } = await load('services/lifecycle/dist/compliance/compliance.repository.js');
const { PlanRepository } = await load('services/lifecycle/dist/plan/plan.repository.js');
const { ReplacementPolicyRepository } = await load('services/lifecycle/dist/policies/replacement-policy.repository.js');
const { ProjectionRepository } = await load('services/lifecycle/dist/projection/projection.repository.js');
const { replacementPolicyInputSchema } = await load('services/lifecycle/dist/policies/replacement-policy.schema.js');

const N = Number(process.argv[2] ?? 1_000_000);
const ownerUrl = process.env.FLEETWARD_BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/fleetward_test';
const appUrl = Object.assign(new URL(ownerUrl), { username: 'fleetward_app', password: '' }).toString();
const schema = process.env.BENCH_SCHEMA ?? `bench_lifecycle_${process.pid}`;
const loadOnly = process.env.BENCH_LOAD_ONLY === '1';
const org = 'bench-org';
const asOf = new Date('2026-06-15T12:00:00Z');

const log = (...a) => process.stdout.write(a.join(' ') + '\n');
const time = async (label, fn) => {
  const t = process.hrtime.bigint();
  const out = await fn();
  const s = Number(process.hrtime.bigint() - t) / 1e9;
  log(`${label.padEnd(58)} ${s.toFixed(2)} s${out?.note ? `  (${out.note})` : ''}`);
  return { s, out };
};

const owner = new pg.Client({ connectionString: ownerUrl });
await owner.connect();
await runMigrations({ databaseUrl: ownerUrl, schema, migrations });
const ds = await new DataSource({
  type: 'postgres',
  url: appUrl,
  schema,
  extra: { options: `-c search_path=${schema}`, max: 2 },
}).initialize();
try {
  await time(`load catalog, sites and ${N.toLocaleString('en')} devices`, async () => {
    const cat = catalog();
    const repo = new CatalogRepository();
    await ds.transaction(async (m) => {
      for (const r of cat.releases) await repo.upsertRelease(m, firmwareReleaseInputSchema.parse(r));
      for (const s of cat.modelSupport) await repo.upsertModelSupport(m, s);
      await repo.rebuildPositions(m);
    });
    await withOrg(ds, org, async (m) => {
      const p = new ProjectionRepository();
      await p.upsertSites(m, org, sites());
      const policies = new ReplacementPolicyRepository();
      const put = (x) => policies.put(m, org, replacementPolicyInputSchema.parse(x));
      await put({ kind: 'warranty-expiry', leadDays: 90, annualCapPct: 20 });
      await put({ kind: 'run-to-failure', siteId: 'r3', offlineDays: 7, leadDays: 30 });
      await put({ kind: 'age', deviceType: 'nvr', ageYears: 6, leadDays: 180 });
      await put({ kind: 'firmware-support-end', siteId: 'r4', deviceType: 'camera', leadDays: 120 });
      await m.query(
        `INSERT INTO model_cost (org_id, vendor_key, model_key, default_cost)
                     SELECT $1, lower(vendor), lower(model), 750 FROM (VALUES ${cat.models.map((x) => `('${x.vendor}','${x.model}')`).join(',')}) v(vendor, model)`,
        [org],
      );
    });
    await copyDevices(cat.models);
    await owner.query(`ANALYZE "${schema}".device; ANALYZE "${schema}".site; ANALYZE "${schema}".firmware_position`);
  });

  if (loadOnly) process.exit(0);
  const raw = [];
  for (let i = 0; i < 3; i++) {
    raw.push(
      (
        await time(`raw UPDATE device ... WHERE warranty_end < now() #${i + 1}`, () =>
          withOrg(ds, org, async (m) => {
            const [, n] = await m.query(`UPDATE device SET updated_at = now() WHERE warranty_end < now()`);
            return { note: `${n.toLocaleString('en')} rows` };
          }),
        )
      ).s,
    );
  }
  await owner.query(`VACUUM ANALYZE "${schema}".device`);

  const compliance = new ComplianceRepository();
  const plan = new PlanRepository();
  const evaluate = (label, at) =>
    time(label, () =>
      withOrg(ds, org, async (m) => {
        const c = await compliance.evaluate(m, org, at);
        const p = await plan.evaluate(m, org, at);
        return {
          note: `${c.length.toLocaleString('en')} compliance rows changed, ${p.length.toLocaleString('en')} plan items written`,
        };
      }),
    );
  const cold = await evaluate('full evaluation, first run (writes every row)', asOf);
  for (const t of ['device_compliance', 'replacement_item']) await owner.query(`VACUUM ANALYZE "${schema}".${t}`);
  const warm = [];
  for (let i = 0; i < 3; i++)
    warm.push(
      (await evaluate(`full re-evaluation, nothing changed #${i + 1}`, new Date(asOf.getTime() + (i + 1) * 60_000))).s,
    );
  await ds.transaction(async (m) => {
    const repo = new CatalogRepository();
    const cat = catalog();
    for (const x of cat.models.filter((_, i) => i % 4 === 0)) {
      await repo.upsertRelease(
        m,
        firmwareReleaseInputSchema.parse({
          vendor: x.vendor,
          models: [x.model],
          version: '99.0.0',
          releaseDate: '2026-06-01',
          cves: [{ id: 'CVE-2026-77777', severity: 'critical' }],
        }),
      );
    }
    await repo.rebuildPositions(m);
  });
  const release = await evaluate(
    'full re-evaluation after a critical release for 1/4 of models',
    new Date(asOf.getTime() + 3_600_000),
  );

  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const base = median(raw);
  log('');
  log(
    `raw UPDATE median ${base.toFixed(2)} s; re-evaluation median ${median(warm).toFixed(2)} s = ${(median(warm) / base).toFixed(2)}x; ` +
      `after release ${release.s.toFixed(2)} s = ${(release.s / base).toFixed(2)}x; first run ${cold.s.toFixed(2)} s = ${(cold.s / base).toFixed(2)}x`,
  );
} finally {
  await ds.destroy();
  await owner.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await owner.end();
}

async function copyDevices(models) {
  // COPY FROM is refused under row-level security, so the fixture loads as the owner; the measured work does not.
  const client = new pg.Client({ connectionString: ownerUrl, options: `-c search_path=${schema}` });
  await client.connect();
  try {
    await client.query('BEGIN');
    const esc = (v) => (v === null || v === undefined ? '\\N' : String(v).replace(/[\\\t\n]/g, ' '));
    const offlineAt = (d) => (d === null ? null : new Date(asOf.getTime() - d * 86_400_000).toISOString());
    const rows = Readable.from(
      (function* () {
        let buf = '';
        for (const d of devices(N, models)) {
          buf +=
            [
              org,
              d.deviceId,
              d.siteId,
              d.type,
              d.vendor,
              nameKey(d.vendor),
              d.model,
              nameKey(d.model),
              d.firmwareVersion,
              versionKey(d.firmwareVersion),
              versionLine(d.firmwareVersion),
              d.installDate,
              d.warrantyEnd,
              d.cost,
              d.failed ? 'failed' : 'active',
              d.failed ? asOf.toISOString() : null,
              offlineAt(d.offlineDaysAgo),
            ]
              .map(esc)
              .join('\t') + '\n';
          if (buf.length > 1 << 16) {
            yield buf;
            buf = '';
          }
        }
        if (buf) yield buf;
      })(),
    );
    await pipeline(
      rows,
      client.query(
        copyStreams.from(`COPY device (org_id, device_id, site_id, type, vendor, vendor_key, model,
      model_key, firmware_version, version_key, firmware_line, install_date, warranty_end, cost, status, failed_at, offline_since) FROM STDIN`),
      ),
    );
    await client.query('COMMIT');
  } finally {
    await client.end();
  }
}
