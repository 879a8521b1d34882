import { policyKinds, type PolicyKind } from '../policies/replacement-policy.schema.js';

/**
 * Replacement candidates of one organisation as SQL text to embed in a WITH clause ($1 org id, $2 evaluation instant).
 * `policy_source` chooses where each device's policy comes from:
 *  - 'effective': the most specific policy for the device (deepest site of its subtree first, then device type);
 *  - a policy kind: the whole fleet under that kind (for the forecast's side-by-side comparison), with the
 *    organisation's own parameters for that kind when it has any.
 * Resolution runs per (site, type) pair, not per device, into the temporary table `policy_map` (see
 * `policyMapSql`), analysed so the planner joins the fleet to it by hash; the fleet has few such pairs.
 *
 * Dates are local to the device's site (unknown site: UTC). Unknown dates give no candidate (no trigger date).
 * run-to-failure counts an outage from the later of when the device went offline and when its site last recovered,
 * and not at all while its site is unreachable: site-wide outages are not device failures.
 */
export function policyMapSql(policySource: 'effective' | PolicyKind): string {
  if (policySource !== 'effective' && !policyKinds.includes(policySource))
    throw new Error(`unknown policy ${policySource}`);
  const chosen =
    policySource === 'effective'
      ? `SELECT DISTINCT ON (c.site_id, c.type) c.site_id, c.type, p.id AS policy_id, p.kind, p.offline_days, p.age_years,
                p.lead_days
         FROM combos c
         JOIN replacement_policy p ON p.org_id = $1
           AND (p.site_id IS NULL OR p.site_id = ANY (c.path))
           AND (p.device_type IS NULL OR p.device_type = c.type)
         ORDER BY c.site_id, c.type, coalesce(array_position(c.path, p.site_id), 0) DESC, (p.device_type IS NOT NULL) DESC`
      : `SELECT c.site_id, c.type, NULL::uuid AS policy_id, k.kind, coalesce(k.offline_days, 7) AS offline_days,
                coalesce(k.age_years, 7) AS age_years, coalesce(k.lead_days, 90) AS lead_days
         FROM combos c CROSS JOIN (
           SELECT '${policySource}'::text AS kind,
                  max(p.offline_days) AS offline_days, max(p.age_years) AS age_years, max(p.lead_days) AS lead_days
           FROM replacement_policy p WHERE p.org_id = $1 AND p.kind = '${policySource}') k`;
  return `
CREATE TEMP TABLE policy_map ON COMMIT DROP AS
WITH pairs AS (
  SELECT DISTINCT coalesce(site_id, '') AS site_id, type FROM device WHERE org_id = $1 AND status <> 'decommissioned'
), combos AS (
  SELECT pr.site_id, pr.type, coalesce(s.path, '{}') AS path, coalesce(s.timezone, 'UTC') AS tz,
         s.unreachable_since, s.recovered_at
  FROM pairs pr LEFT JOIN site s ON s.org_id = $1 AND s.site_id = pr.site_id
), chosen AS (${chosen})
SELECT c.site_id, c.type, ch.policy_id, ch.kind, ch.offline_days, ch.age_years, ch.lead_days, c.tz, c.unreachable_since, c.recovered_at,
       ($2::timestamptz AT TIME ZONE c.tz)::date AS today
FROM combos c JOIN chosen ch ON ch.site_id = c.site_id AND ch.type = c.type`;
}

/** The annual cap in devices per year: N% of the active fleet (at least 1), or null without a cap. */
export const ANNUAL_CAP = `
SELECT CASE WHEN p.annual_cap_pct IS NULL THEN NULL
            ELSE greatest(1, floor((SELECT count(*) FROM device WHERE org_id = $1 AND status <> 'decommissioned')
                                   * p.annual_cap_pct / 100))::bigint END AS cap
FROM replacement_policy p WHERE p.org_id = $1 AND p.site_id IS NULL AND p.device_type IS NULL`;

/** Candidates CTEs over `policy_map` ($1 org, $2 instant, $3 annual cap or null). Ends with `planned`. */
export const CANDIDATES_CTE = `
line_support AS (
  SELECT vendor_key, line, max(line_end_of_support) AS eos FROM firmware_release GROUP BY 1, 2
), local AS (
  SELECT d.org_id, d.device_id, d.site_id, d.type, d.status, d.failed_at, d.offline_since, d.warranty_end,
         d.install_date, pm.policy_id, pm.kind, pm.offline_days, pm.age_years, pm.lead_days, pm.tz, pm.unreachable_since, pm.today,
         greatest(d.offline_since, pm.recovered_at) AS outage_start,
         least(ms.end_of_support, ls.eos) AS support_end,
         coalesce(d.cost, mc.default_cost) AS est_cost,
         coalesce(dc.status = 'vulnerable', false) AS vulnerable
  FROM device d
  JOIN policy_map pm ON pm.site_id = coalesce(d.site_id, '') AND pm.type = d.type
  LEFT JOIN firmware_model_support ms ON ms.vendor_key = d.vendor_key AND ms.model_key = d.model_key
  LEFT JOIN line_support ls ON ls.vendor_key = d.vendor_key AND ls.line = d.firmware_line
  LEFT JOIN model_cost mc ON mc.org_id = d.org_id AND mc.vendor_key = d.vendor_key AND mc.model_key = d.model_key
  LEFT JOIN device_compliance dc ON dc.org_id = d.org_id AND dc.device_id = d.device_id
  WHERE d.org_id = $1 AND d.status <> 'decommissioned'
), failure AS (
  SELECT l.*,
    CASE WHEN l.failed_at IS NOT NULL THEN (coalesce(l.failed_at, $2::timestamptz) AT TIME ZONE l.tz)::date
         WHEN l.offline_since IS NOT NULL AND l.unreachable_since IS NULL
              AND l.outage_start + make_interval(days => l.offline_days) <= $2::timestamptz
           THEN ((l.outage_start + make_interval(days => l.offline_days)) AT TIME ZONE l.tz)::date
    END AS failed_on
  FROM local l
), cand AS (
  SELECT f.org_id, f.device_id, f.site_id, f.type, f.policy_id, f.kind AS reason, f.lead_days, f.today, f.est_cost,
    CASE f.kind
      WHEN 'warranty-expiry' THEN f.warranty_end
      WHEN 'age' THEN (f.install_date + make_interval(years => f.age_years))::date
      WHEN 'firmware-support-end' THEN f.support_end
      WHEN 'run-to-failure' THEN f.failed_on
    END AS trigger_date,
    CASE WHEN f.failed_on IS NOT NULL THEN 1 WHEN f.vulnerable THEN 2 ELSE 3 END AS priority
  FROM failure f
), ordered AS (
  SELECT c.*, greatest(0, extract(year FROM c.trigger_date)::int - extract(year FROM c.today)::int) AS due_slot
  FROM cand c WHERE c.trigger_date IS NOT NULL
), numbered AS (
  SELECT o.*, row_number() OVER (ORDER BY o.due_slot, o.priority, o.trigger_date, o.device_id) - 1 AS i FROM ordered o
), capped AS (
  -- Annual cap c per year: the i-th replacement (FIFO by due year, then priority) lands in year
  -- floor((i + max_{j<=i}(due_j * c - j)) / c), the batch-service queue recurrence, as one running max.
  SELECT n.*,
    CASE WHEN $3::bigint IS NULL THEN n.due_slot
         ELSE ((n.i + max(n.due_slot::bigint * $3::bigint - n.i) OVER (ORDER BY n.i ROWS UNBOUNDED PRECEDING)) / $3::bigint)::int
    END AS slot
  FROM numbered n
), planned AS (
  SELECT c.*, CASE WHEN c.slot > c.due_slot THEN make_date(extract(year FROM c.today)::int + c.slot, 1, 1)
                   ELSE c.trigger_date END AS due_date
  FROM capped c
)`;
