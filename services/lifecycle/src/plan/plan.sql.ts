import { CANDIDATES_CTE } from './candidates.sql.js';

/**
 * Brings the replacement plan of one organisation up to date in one statement ($1 org id, $2 evaluation instant,
 * $3 annual cap), over the `policy_map` of the effective policies.
 * A candidate enters the plan once its reminder date (due date - lead time, in the site's local date) has come.
 * One item per (device, reason) ever (unique index); re-evaluation only rewrites open rows whose dates, priority or
 * cost changed (replaced and dismissed items are final), and items dismissed by the system reopen when their
 * condition returns. State changes are audited by the table's trigger. Returns the items the caller announces (replacement.due, once: `due_published_at` is set here).
 */
export const UPSERT_PLAN = `
WITH ${CANDIDATES_CTE.trim()},
due AS (
  SELECT * FROM planned p WHERE p.due_date - p.lead_days <= p.today
), upserted AS (
  INSERT INTO replacement_item AS ri (id, org_id, device_id, reason, policy_id, trigger_date, due_date, priority,
    estimated_cost, state, due_published_at)
  SELECT gen_random_uuid(), d.org_id, d.device_id, d.reason, d.policy_id, d.trigger_date, d.due_date, d.priority,
         d.est_cost, 'proposed', $2::timestamptz
  FROM due d
  ON CONFLICT (org_id, device_id, reason) DO UPDATE SET
    trigger_date = EXCLUDED.trigger_date, due_date = EXCLUDED.due_date, priority = EXCLUDED.priority,
    policy_id = EXCLUDED.policy_id,
    -- The estimate follows the device until someone approves the item.
    estimated_cost = CASE WHEN ri.state IN ('proposed', 'dismissed') THEN EXCLUDED.estimated_cost ELSE ri.estimated_cost END,
    state = CASE WHEN ri.state = 'dismissed' AND ri.state_reason = 'condition-cleared' THEN 'proposed' ELSE ri.state END,
    state_reason = CASE WHEN ri.state = 'dismissed' AND ri.state_reason = 'condition-cleared' THEN 'condition-returned'
                        ELSE ri.state_reason END,
    updated_at = $2::timestamptz
  WHERE (ri.state NOT IN ('replaced', 'dismissed')
         AND (ri.trigger_date, ri.due_date, ri.priority, ri.estimated_cost, ri.policy_id) IS DISTINCT FROM
        (EXCLUDED.trigger_date, EXCLUDED.due_date, EXCLUDED.priority,
         CASE WHEN ri.state = 'proposed' THEN EXCLUDED.estimated_cost ELSE ri.estimated_cost END, EXCLUDED.policy_id))
     OR (ri.state = 'dismissed' AND ri.state_reason = 'condition-cleared')
  RETURNING ri.id, ri.device_id, ri.reason, ri.trigger_date, ri.due_date, ri.estimated_cost, ri.priority,
            ri.due_published_at
), cleared AS (
  UPDATE replacement_item ri SET state = 'dismissed', state_reason = 'condition-cleared', updated_at = $2::timestamptz
  WHERE ri.org_id = $1 AND ri.state = 'proposed'
    AND NOT EXISTS (SELECT 1 FROM due d WHERE d.device_id = ri.device_id AND d.reason = ri.reason)
  RETURNING ri.id
)
SELECT u.id, u.device_id, u.reason, to_char(u.trigger_date, 'YYYY-MM-DD') AS trigger_date,
       to_char(u.due_date, 'YYYY-MM-DD') AS due_date, u.estimated_cost::text AS estimated_cost, u.priority,
       (u.due_published_at = $2::timestamptz) AS announce,
       (SELECT count(*) FROM cleared)::int AS cleared
FROM upserted u`;

/** Every candidate with its capped due date (plan and future), for the forecast and for inspection. */
export const SCHEDULE = `
WITH ${CANDIDATES_CTE.trim()}
SELECT p.device_id, p.site_id, p.type, p.reason, to_char(p.trigger_date, 'YYYY-MM-DD') AS trigger_date,
       to_char(p.due_date, 'YYYY-MM-DD') AS due_date, p.priority, p.est_cost::text AS estimated_cost,
       p.lead_days
FROM planned p ORDER BY p.due_date, p.priority, p.device_id`;
