import { CANDIDATES_CTE } from '../plan/candidates.sql.js';

export type ForecastDimension = 'site' | 'type' | 'reason';

/**
 * Replacement forecast of one organisation per quarter over `policy_map` ($1 org, $2 instant, $3 annual cap,
 * $4 years ahead). Dated replacements (warranty, age, support end, and devices already failed) come from the capped
 * schedule; overdue ones count in the current quarter. Devices under run-to-failure also get the failures to expect:
 * the fleet's observed rate of device outages longer than the policy's threshold over the last year (site-wide
 * outages excluded), each costing a replacement and (threshold + lead time) days offline.
 * Grouped by the requested dimensions; the others are NULL.
 */
export function forecastSql(dimensions: readonly ForecastDimension[]): string {
  const col = (d: ForecastDimension, expr: string) => (dimensions.includes(d) ? expr : 'NULL::text');
  return `
WITH ${CANDIDATES_CTE.trim()},
bounds AS (
  SELECT date_trunc('quarter', $2::timestamptz AT TIME ZONE 'UTC')::date AS first_q,
         (date_trunc('quarter', $2::timestamptz AT TIME ZONE 'UTC') + make_interval(years => $4::int))::date AS end_q
), quarters AS (
  SELECT generate_series(b.first_q, b.end_q - 1, interval '3 months')::date AS q FROM bounds b
), fleet AS (
  SELECT count(*)::numeric AS n FROM device WHERE org_id = $1 AND status <> 'decommissioned'
), rate AS (
  SELECT count(*)::numeric / greatest((SELECT n FROM fleet), 1) AS per_year
  FROM device_outage o
  JOIN device d ON d.org_id = o.org_id AND d.device_id = o.device_id
  JOIN policy_map pm ON pm.site_id = coalesce(d.site_id, '') AND pm.type = d.type
  WHERE o.org_id = $1 AND NOT o.site_wide AND o.started_at > $2::timestamptz - interval '1 year'
    AND coalesce(o.ended_at, $2::timestamptz) - o.started_at > make_interval(days => coalesce(pm.offline_days, 7))
), dated AS (
  SELECT greatest(date_trunc('quarter', p.due_date)::date, b.first_q) AS q, p.site_id, p.type, p.reason,
         count(*)::numeric AS devices, coalesce(sum(p.est_cost), 0) AS cost, 0::numeric AS offline_days
  FROM planned p CROSS JOIN bounds b
  WHERE p.due_date < b.end_q
  GROUP BY 1, 2, 3, 4
), rtf_groups AS (
  SELECT d.site_id, d.type, pm.offline_days, pm.lead_days, count(*)::numeric AS devices,
         avg(coalesce(d.cost, mc.default_cost)) AS avg_cost
  FROM device d
  JOIN policy_map pm ON pm.site_id = coalesce(d.site_id, '') AND pm.type = d.type AND pm.kind = 'run-to-failure'
  LEFT JOIN model_cost mc ON mc.org_id = d.org_id AND mc.vendor_key = d.vendor_key AND mc.model_key = d.model_key
  WHERE d.org_id = $1 AND d.status <> 'decommissioned'
  GROUP BY 1, 2, 3, 4
), expected AS (
  SELECT q.q, g.site_id, g.type, 'run-to-failure'::text AS reason,
         g.devices * r.per_year / 4 AS devices,
         g.devices * r.per_year / 4 * coalesce(g.avg_cost, 0) AS cost,
         g.devices * r.per_year / 4 * (g.offline_days + g.lead_days) AS offline_days
  FROM rtf_groups g CROSS JOIN quarters q CROSS JOIN rate r
  WHERE r.per_year > 0
), all_rows AS (
  SELECT * FROM dated UNION ALL SELECT * FROM expected
)
SELECT to_char(a.q, 'YYYY-MM-DD') AS quarter_start, ${col('site', 'a.site_id')} AS site_id,
       ${col('type', 'a.type')} AS device_type, ${col('reason', 'a.reason')} AS reason,
       round(sum(a.devices), 2)::float8 AS devices, round(sum(a.cost), 2)::float8 AS cost,
       round(sum(a.offline_days), 1)::float8 AS expected_offline_days
FROM all_rows a
GROUP BY 1, 2, 3, 4
ORDER BY 1, 2 NULLS FIRST, 3 NULLS FIRST, 4 NULLS FIRST`;
}
