/**
 * Firmware compliance of the devices of one organisation, in one statement ($1 org id, $2 evaluation instant, $3 the
 * devices to evaluate, or null for all of them).
 *
 * status: unsupported (model or line past end of support in the site's local date) > unknown (version or model not
 * in the catalog) > vulnerable (a newer release fixes CVEs) > behind (newer releases exist) > current.
 * compliant: never when unsupported; with an approved baseline for the model, at or above it; otherwise not vulnerable.
 * Rows are written only when something changed, so a replayed trigger writes nothing. `noncompliant_since` is set
 * to $2 exactly on the transition to non-compliant: the RETURNING rows with that value are the devices to announce.
 */
export const EVALUATE_COMPLIANCE = `
WITH line_support AS (
  SELECT vendor_key, line, max(line_end_of_support) AS eos FROM firmware_release GROUP BY 1, 2
), eval AS (
  SELECT d.org_id, d.device_id, d.version_key, p.newer_count, p.first_newer_date, p.latest_version,
         p.newer_cves, p.newer_max_severity, b.version_key AS baseline_key,
         least(ms.end_of_support, ls.eos) AS eos,
         ($2::timestamptz AT TIME ZONE coalesce(s.timezone, 'UTC'))::date AS today
  FROM device d
  LEFT JOIN site s ON s.org_id = d.org_id AND s.site_id = d.site_id
  LEFT JOIN LATERAL (
    SELECT * FROM firmware_position fp
    WHERE fp.vendor_key = d.vendor_key AND fp.model_key = d.model_key AND fp.version_key <= d.version_key
    ORDER BY fp.version_key DESC LIMIT 1
  ) p ON true
  LEFT JOIN firmware_baseline b ON b.org_id = d.org_id AND b.vendor_key = d.vendor_key AND b.model_key = d.model_key
  LEFT JOIN firmware_model_support ms ON ms.vendor_key = d.vendor_key AND ms.model_key = d.model_key
  -- the catalog's own line for a release it lists; otherwise the line read from the version (major.minor)
  LEFT JOIN line_support ls ON ls.vendor_key = d.vendor_key
   AND ls.line = CASE WHEN p.version_key = d.version_key THEN p.line ELSE d.firmware_line END
  WHERE d.org_id = $1 AND d.status <> 'decommissioned' AND ($3::text[] IS NULL OR d.device_id = ANY($3::text[]))
), classified AS (
  SELECT e.*,
    CASE WHEN e.eos <= e.today THEN 'unsupported'
         WHEN e.version_key IS NULL OR e.newer_count IS NULL THEN 'unknown'
         WHEN cardinality(e.newer_cves) > 0 THEN 'vulnerable'
         WHEN e.newer_count > 0 THEN 'behind'
         ELSE 'current' END AS status
  FROM eval e
), judged AS (
  SELECT c.*,
    CASE WHEN c.status = 'unsupported' THEN false
         WHEN c.baseline_key IS NOT NULL THEN coalesce(c.version_key >= c.baseline_key, false)
         ELSE c.status <> 'vulnerable' END AS compliant
  FROM classified c
)
INSERT INTO device_compliance AS dc (org_id, device_id, status, compliant, releases_behind, behind_since,
  latest_version, cves, max_severity, unsupported_since, noncompliant_since, changed_at)
SELECT j.org_id, j.device_id, j.status, j.compliant, coalesce(j.newer_count, 0), j.first_newer_date,
       j.latest_version, coalesce(j.newer_cves, '{}'), j.newer_max_severity,
       CASE WHEN j.status = 'unsupported' THEN j.eos END,
       CASE WHEN j.compliant THEN NULL ELSE $2::timestamptz END, $2::timestamptz
FROM judged j
ON CONFLICT (org_id, device_id) DO UPDATE SET
  status = EXCLUDED.status, compliant = EXCLUDED.compliant, releases_behind = EXCLUDED.releases_behind,
  behind_since = EXCLUDED.behind_since, latest_version = EXCLUDED.latest_version, cves = EXCLUDED.cves,
  max_severity = EXCLUDED.max_severity, unsupported_since = EXCLUDED.unsupported_since,
  noncompliant_since = CASE WHEN EXCLUDED.compliant THEN NULL ELSE coalesce(dc.noncompliant_since, EXCLUDED.noncompliant_since) END,
  changed_at = EXCLUDED.changed_at
WHERE (dc.status, dc.compliant, dc.releases_behind, dc.behind_since, dc.latest_version, dc.cves, dc.max_severity,
       dc.unsupported_since)
  IS DISTINCT FROM (EXCLUDED.status, EXCLUDED.compliant, EXCLUDED.releases_behind, EXCLUDED.behind_since,
       EXCLUDED.latest_version, EXCLUDED.cves, EXCLUDED.max_severity, EXCLUDED.unsupported_since)
RETURNING dc.device_id, dc.status, dc.compliant, dc.cves, dc.max_severity, dc.latest_version, dc.releases_behind,
          coalesce(dc.noncompliant_since = $2::timestamptz, false) AS became_noncompliant`;

/** Devices that left the fleet keep no compliance row. */
export const FORGET_DECOMMISSIONED = `
DELETE FROM device_compliance dc USING device d
WHERE dc.org_id = $1 AND d.org_id = dc.org_id AND d.device_id = dc.device_id AND d.status = 'decommissioned'
  AND ($2::text[] IS NULL OR d.device_id = ANY($2::text[]))`;
