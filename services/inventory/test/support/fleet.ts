import type { DataSource } from 'typeorm';

/**
 * Inserts `n` devices for `orgId` in one set-based statement (owner connection), spread over the given sites, with
 * predictable values: type cycles over 4 types, vendor over 5, status 1 in 10 maintenance, warranty end spread over
 * 2025-2029, tag 'outdoor' on 1 in 4, name `Device <i>`, serial `SN<i padded>`.
 */
export async function seedFleet(owner: DataSource, orgId: string, n: number, siteIds: string[]): Promise<void> {
  await owner.query(
    `INSERT INTO device (id, org_id, vendor, vendor_key, type, name, serial, ip, mac, site_id, status, warranty_end, tags,
       firmware_version)
     SELECT gen_random_uuid(), $1, v, lower(v), (ARRAY['camera','recorder','reader','sensor'])[1 + i % 4],
       'Device ' || i, 'SN' || lpad(i::text, 8, '0'), '10.1.' || (i / 256) % 256 || '.' || i % 256,
       NULL, ($2::text[])[1 + i % array_length($2::text[], 1)],
       CASE WHEN i % 10 = 0 THEN 'maintenance' ELSE 'active' END,
       DATE '2025-01-01' + (i % 1826), CASE WHEN i % 4 = 0 THEN ARRAY['outdoor'] ELSE ARRAY[]::text[] END,
       '1.' || i % 7
     FROM generate_series(1, $3::int) AS i, LATERAL (SELECT (ARRAY['Axis','Hanwha','Bosch','HID','Genetec'])[1 + i % 5] AS v) x`,
    [orgId, siteIds, n],
  );
  await owner.query(`ANALYZE device`);
}
