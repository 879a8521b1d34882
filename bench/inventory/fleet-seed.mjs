// Seeds a large fleet straight into an inventory schema with set-based SQL (not through the API): 10 regions x 100
// stores, then `devices` devices spread over the stores. The device table's secondary indexes are dropped during the
// insert and rebuilt from their own definitions afterwards (a sorted build instead of a million random inserts).
import { performance } from 'node:perf_hooks';

const TYPES = `ARRAY['camera','camera','recorder','reader','sensor','intercom']`;
const VENDORS = `ARRAY['Axis','Hanwha','Bosch','HID','Genetec','Avigilon']`;

/** `q(sql, params)` runs as the schema's owner with search_path set to it. Returns the seconds taken. */
export async function seedFleet(q, orgId, devices) {
  const started = performance.now();
  await q(
    `INSERT INTO site (id, org_id, parent_id, path, depth, name, code)
     SELECT 'r' || r, $1, NULL, '/r' || r || '/', 0, 'Region ' || r, 'R' || r FROM generate_series(1, 10) r`,
    [orgId],
  );
  await q(
    `INSERT INTO site (id, org_id, parent_id, path, depth, name, code)
     SELECT 's' || r || '-' || s, $1, 'r' || r, '/r' || r || '/s' || r || '-' || s || '/', 1, 'Store ' || r || '-' || s,
       'S' || r || '-' || s
     FROM generate_series(1, 10) r, generate_series(1, 100) s`,
    [orgId],
  );
  const indexes = await q(
    `SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() AND tablename = 'device'
       AND indexname <> 'device_pkey'`,
  );
  for (const { indexname } of indexes) await q(`DROP INDEX "${indexname}"`);
  for (let from = 1; from <= devices; from += 100_000) {
    await q(
      `INSERT INTO device (id, org_id, vendor, vendor_key, type, name, serial, ip, site_id, status, warranty_end, tags,
         firmware_version, created_at, updated_at)
       SELECT gen_random_uuid(), $1, v, lower(v), (${TYPES})[1 + i % 6], 'Device ' || i, 'SN' || lpad(i::text, 9, '0'),
         '10.' || (i / 65536) % 256 || '.' || (i / 256) % 256 || '.' || i % 256,
         's' || (1 + i % 10) || '-' || (1 + (i / 10) % 100), CASE WHEN i % 20 = 0 THEN 'maintenance' ELSE 'active' END,
         DATE '2025-01-01' + (i % 1826), CASE WHEN i % 4 = 0 THEN ARRAY['outdoor'] ELSE ARRAY[]::text[] END, '1.' || i % 9,
         TIMESTAMPTZ '2026-01-01Z' + make_interval(secs => i), TIMESTAMPTZ '2026-01-01Z' + make_interval(secs => i)
       FROM generate_series($2::int, $3::int) i,
         LATERAL (SELECT (${VENDORS})[1 + i % 6] AS v) x`,
      [orgId, from, Math.min(devices, from + 99_999)],
    );
  }
  await q(`SET maintenance_work_mem = '256MB'`);
  for (const { indexdef } of indexes) await q(indexdef);
  await q(`VACUUM ANALYZE device`);
  await q(`ANALYZE site`);
  return (performance.now() - started) / 1000;
}
