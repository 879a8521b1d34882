export type ComplianceBreakdownBy = 'site' | 'model';

/**
 * Firmware compliance of the organisation's fleet per site or per model (vendor, model): device counts per status,
 * the non-compliant count, the compliant share and the CVEs still open. A device not evaluated yet counts as unknown.
 * `org` is the organisation as SQL: `$1` for a parameterised query, or a validated literal for `COPY` (the CSV
 * report), which takes no parameters.
 */
export function complianceBreakdownSql(by: ComplianceBreakdownBy, org: string): string {
  const keys = by === 'site' ? ['site_id'] : ['vendor', 'model'];
  const select = by === 'site' ? `coalesce(d.site_id, '') AS site_id` : `d.vendor, coalesce(d.model, '') AS model`;
  const k = keys.join(', ');
  return `
WITH fleet AS (
  SELECT ${select}, c.status, c.compliant, c.cves
  FROM device d LEFT JOIN device_compliance c ON c.org_id = d.org_id AND c.device_id = d.device_id
  WHERE d.org_id = ${org} AND d.status <> 'decommissioned'
), open_cves AS (
  SELECT ${k}, string_agg(DISTINCT cve, ';' ORDER BY cve) AS cves FROM fleet, unnest(cves) AS cve GROUP BY ${k}
)
SELECT ${keys.map((c) => `f.${c}`).join(', ')}, count(*)::int AS devices,
       count(*) FILTER (WHERE f.status = 'current')::int AS current,
       count(*) FILTER (WHERE f.status = 'behind')::int AS behind,
       count(*) FILTER (WHERE f.status = 'vulnerable')::int AS vulnerable,
       count(*) FILTER (WHERE f.status = 'unsupported')::int AS unsupported,
       count(*) FILTER (WHERE f.status = 'unknown' OR f.status IS NULL)::int AS unknown,
       count(*) FILTER (WHERE NOT f.compliant)::int AS noncompliant,
       round(100.0 * count(*) FILTER (WHERE f.compliant) / count(*), 1) AS compliant_pct,
       min(o.cves) AS open_cves
FROM fleet f LEFT JOIN open_cves o USING (${k})
GROUP BY ${keys.map((c) => `f.${c}`).join(', ')} ORDER BY ${keys.map((c) => `f.${c}`).join(', ')}`;
}
