#!/usr/bin/env node
// Imports BENCH_ROWS (default 100000) devices from a CSV file through the inventory's import pipeline (parse,
// validate, COPY to stage, set-based upsert, device.registered events into the outbox), and measures a raw COPY of
// the same file into a bare table in the same run. Then re-imports the same file (every row unchanged).
// Run: `npx tsc -b services/inventory && node bench/inventory/import.bench.mjs`
import { createReadStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pipeline } from 'node:stream/promises';
import { from as copyFrom } from 'pg-copy-streams';
// The file itself: the testing index also loads jest-only helpers.
import { testDatabase } from '../../libs/platform/dist/testing/test-database.js';
import { entities } from '../../services/inventory/dist/entities.js';
import { migrations } from '../../services/inventory/dist/migrations/index.js';
import { DeviceEventsService } from '../../services/inventory/dist/devices/device-events.service.js';
import { ImportJobRepository } from '../../services/inventory/dist/imports/import-job.repository.js';
import { ImportStageRepository } from '../../services/inventory/dist/imports/import-stage.repository.js';
import { ImportService } from '../../services/inventory/dist/imports/import.service.js';
import { OrgSettingsRepository } from '../../services/inventory/dist/organisations/org-settings.repository.js';
import { writeFleetCsv } from './fleet-csv.mjs';

const ROWS = Number(process.env.BENCH_ROWS ?? 100_000);
const file = path.join(tmpdir(), `fleetward-import-${process.pid}.csv`);

async function rawCopy(db) {
  await db.ownerDataSource.query(`CREATE TABLE raw_copy (vendor text, model text, type text, name text, serial text,
    mac text, ip text, site_code text, firmware_version text, purchase_date date, purchase_cost numeric, owner_team text, tags text)`);
  const qr = db.ownerDataSource.createQueryRunner();
  await qr.connect();
  try {
    const start = performance.now();
    const copy = qr.databaseConnection.query(copyFrom(`COPY raw_copy FROM STDIN WITH (FORMAT csv, HEADER true)`));
    await pipeline(createReadStream(file, { start: 3 }), copy);
    return (performance.now() - start) / 1000;
  } finally {
    await qr.release();
  }
}

/** WAL bytes written by the whole server meanwhile (other sessions' writes included: read it as an upper bound). */
async function walSince(db, lsn) {
  const [row] = await db.ownerDataSource.query(
    `SELECT pg_current_wal_insert_lsn()::text AS now, pg_wal_lsn_diff(pg_current_wal_insert_lsn(), $1::pg_lsn)::float8 AS bytes`,
    [lsn ?? '0/0'],
  );
  return { lsn: row.now, mb: Math.round(row.bytes / 1e6) };
}

async function importOnce(db, orgId) {
  const settings = new OrgSettingsRepository();
  const service = new ImportService(
    db.dataSource,
    new ImportJobRepository(),
    new ImportStageRepository(),
    settings,
    new DeviceEventsService(settings),
  );
  const start = performance.now();
  const job = await service.run({ orgId, actor: 'bench', fileName: 'fleet.csv', body: createReadStream(file) });
  return { seconds: (performance.now() - start) / 1000, job };
}

const db = await testDatabase({ entities, migrations });
try {
  await writeFleetCsv(file, ROWS);
  const orgId = `bench-${process.pid}`;
  const rawSec = await rawCopy(db);
  const before = await walSince(db);
  const first = await importOnce(db, orgId);
  const wal = await walSince(db, before.lsn);
  const again = await importOnce(db, orgId);
  const fmt = (s) => `${s.toFixed(2)} s (${Math.round(ROWS / s).toLocaleString('en')} rows/s)`;
  console.log(`rows: ${ROWS}`);
  console.log(`raw COPY of the same file:  ${fmt(rawSec)}`);
  console.log(
    `import (all new):           ${fmt(first.seconds)}  status=${first.job.status} inserted=${first.job.rowsInserted} rejected=${first.job.rowsRejected}`,
  );
  console.log(`WAL during the first import: ${wal.mb} MB (whole server)`);
  console.log(`re-import (all unchanged):  ${fmt(again.seconds)}  unchanged=${again.job.rowsUnchanged}`);
  console.log(`import / raw COPY time:     ${(first.seconds / rawSec).toFixed(1)}x`);
  console.log(`goal (< 10 s for 100k):     ${first.seconds < 10 * (ROWS / 100_000) ? 'met' : 'NOT met'}`);
} finally {
  await rm(file, { force: true });
  await db.drop();
}
