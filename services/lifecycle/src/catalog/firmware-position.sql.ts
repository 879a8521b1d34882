/**
 * Rebuilds `firmware_position` from the catalog: for each model and each catalog version (plus '' for "below every
 * release"), what a device at that position is missing. The catalog is small (thousands of rows); this runs after
 * every catalog change, so compliance is one index lookup per device instead of a join against every newer release.
 *
 * Tracks: a device follows the track of the release it runs (a long-term-support line gets fixes without new
 * features). "Behind" counts only the newer releases of its own track: an LTS device is not behind because the active
 * track moved on. Security fixes count across tracks, except a CVE its own track already fixed at or below its
 * version (a fix backported to the LTS line it runs). The '' position has no track: every release counts.
 * Each position also keeps its release's line as the catalog names it (a feed may say `2023` for `2023 R3`), so a
 * device on exactly that release is judged by that line's end of support.
 */
export const REBUILD_FIRMWARE_POSITION = `
WITH rm AS (
  SELECT m.vendor_key, m.model_key, r.id, r.version, r.version_key, r.release_date, r.track, r.line
  FROM firmware_release_model m JOIN firmware_release r ON r.id = m.release_id
), pos AS (
  SELECT vendor_key, model_key, version_key, track, line FROM rm
  UNION
  SELECT DISTINCT vendor_key, model_key, ''::text COLLATE "C", NULL::text, NULL::text FROM rm
), newer AS (
  SELECT p.vendor_key, p.model_key, p.version_key, p.track, p.line, n.id, n.version, n.version_key AS newer_key, n.release_date
  FROM pos p LEFT JOIN rm n
    ON n.vendor_key = p.vendor_key AND n.model_key = p.model_key AND n.version_key > p.version_key
   AND (p.track IS NULL OR n.track = p.track)
), open_cves AS (
  SELECT p.vendor_key, p.model_key, p.version_key, c.cve_id, c.severity
  FROM pos p
  JOIN rm n ON n.vendor_key = p.vendor_key AND n.model_key = p.model_key AND n.version_key > p.version_key
  JOIN firmware_cve c ON c.release_id = n.id
  WHERE NOT EXISTS (
    SELECT 1 FROM rm own JOIN firmware_cve oc ON oc.release_id = own.id
    WHERE own.vendor_key = p.vendor_key AND own.model_key = p.model_key AND own.track = p.track
      AND own.version_key <= p.version_key AND oc.cve_id = c.cve_id)
), cves AS (
  SELECT vendor_key, model_key, version_key,
         array_agg(DISTINCT cve_id ORDER BY cve_id) AS cves,
         max(CASE severity WHEN 'critical' THEN 4 WHEN 'high' THEN 3 WHEN 'medium' THEN 2 WHEN 'low' THEN 1 ELSE 0 END) AS sev
  FROM open_cves
  GROUP BY 1, 2, 3
)
INSERT INTO firmware_position
  (vendor_key, model_key, version_key, track, line, newer_count, first_newer_date, latest_version, newer_cves, newer_max_severity)
SELECT w.vendor_key, w.model_key, w.version_key, w.track, w.line,
       count(w.id)::int,
       min(w.release_date),
       (array_agg(w.version ORDER BY w.newer_key DESC) FILTER (WHERE w.id IS NOT NULL))[1],
       coalesce(c.cves, '{}'),
       (ARRAY['none', 'low', 'medium', 'high', 'critical'])[c.sev + 1]
FROM newer w LEFT JOIN cves c USING (vendor_key, model_key, version_key)
GROUP BY w.vendor_key, w.model_key, w.version_key, w.track, w.line, c.cves, c.sev`;
