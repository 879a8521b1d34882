/** CSV report queries. `$org` is replaced by a validated organisation id literal (COPY takes no parameters). */
export const PLAN_REPORT = `
SELECT i.id AS item_id, i.device_id, d.name AS device_name, d.site_id, d.type AS device_type, d.vendor, d.model,
       i.reason, i.trigger_date, i.due_date, i.priority, i.estimated_cost, i.state, i.state_reason,
       i.replaced_by_device_id, i.updated_at
FROM replacement_item i LEFT JOIN device d ON d.org_id = i.org_id AND d.device_id = i.device_id
WHERE i.org_id = $org ORDER BY i.due_date, i.id`;

export const COMPLIANCE_BY_SITE_REPORT = `
WITH fleet AS (
  SELECT coalesce(d.site_id, '') AS site_id, c.status, c.compliant, c.cves
  FROM device d LEFT JOIN device_compliance c ON c.org_id = d.org_id AND c.device_id = d.device_id
  WHERE d.org_id = $org AND d.status <> 'decommissioned'
), open_cves AS (
  SELECT site_id, string_agg(DISTINCT cve, ';' ORDER BY cve) AS cves FROM fleet, unnest(cves) AS cve GROUP BY 1
)
SELECT f.site_id, count(*) AS devices,
       count(*) FILTER (WHERE f.status = 'current') AS current,
       count(*) FILTER (WHERE f.status = 'behind') AS behind,
       count(*) FILTER (WHERE f.status = 'vulnerable') AS vulnerable,
       count(*) FILTER (WHERE f.status = 'unsupported') AS unsupported,
       count(*) FILTER (WHERE f.status = 'unknown' OR f.status IS NULL) AS unknown,
       count(*) FILTER (WHERE NOT f.compliant) AS noncompliant,
       round(100.0 * count(*) FILTER (WHERE f.compliant) / count(*), 1) AS compliant_pct,
       min(o.cves) AS open_cves
FROM fleet f LEFT JOIN open_cves o ON o.site_id = f.site_id
GROUP BY f.site_id ORDER BY f.site_id`;
