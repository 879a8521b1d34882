/**
 * Rebuilds `firmware_position` from the catalog: for each model and each catalog version (plus '' for "below every
 * release"), how many releases are newer, when the first newer one came out, the newest version, and the CVEs those
 * newer releases fix. The catalog is small (thousands of rows); this runs after every catalog change, so compliance
 * is one index lookup per device instead of a join against every newer release.
 */
export const REBUILD_FIRMWARE_POSITION = `
WITH rm AS (
  SELECT m.vendor_key, m.model_key, r.id, r.version, r.version_key, r.release_date
  FROM firmware_release_model m JOIN firmware_release r ON r.id = m.release_id
), pos AS (
  SELECT vendor_key, model_key, version_key FROM rm
  UNION
  SELECT DISTINCT vendor_key, model_key, ''::text COLLATE "C" FROM rm
), newer AS (
  SELECT p.vendor_key, p.model_key, p.version_key, n.id, n.version, n.version_key AS newer_key, n.release_date
  FROM pos p LEFT JOIN rm n
    ON n.vendor_key = p.vendor_key AND n.model_key = p.model_key AND n.version_key > p.version_key
), cves AS (
  SELECT w.vendor_key, w.model_key, w.version_key,
         array_agg(DISTINCT c.cve_id ORDER BY c.cve_id) AS cves,
         max(CASE c.severity WHEN 'critical' THEN 4 WHEN 'high' THEN 3 WHEN 'medium' THEN 2 WHEN 'low' THEN 1 ELSE 0 END) AS sev
  FROM newer w JOIN firmware_cve c ON c.release_id = w.id
  GROUP BY 1, 2, 3
)
INSERT INTO firmware_position
  (vendor_key, model_key, version_key, newer_count, first_newer_date, latest_version, newer_cves, newer_max_severity)
SELECT w.vendor_key, w.model_key, w.version_key,
       count(w.id)::int,
       min(w.release_date),
       (array_agg(w.version ORDER BY w.newer_key DESC) FILTER (WHERE w.id IS NOT NULL))[1],
       coalesce(c.cves, '{}'),
       (ARRAY['none', 'low', 'medium', 'high', 'critical'])[c.sev + 1]
FROM newer w LEFT JOIN cves c USING (vendor_key, model_key, version_key)
GROUP BY w.vendor_key, w.model_key, w.version_key, c.cves, c.sev`;
