/**
 * The organisation's next local midnight after $2 ($1 org): the earliest over the time zones its active devices'
 * dates are judged in (their site's zone, UTC without a site), since each zone's midnight changes some device's
 * "today". An organisation without devices is judged in UTC. Runs inside the org's transaction (site, device: RLS).
 * A midnight that does not exist (a DST change at 00:00) is read as standard time by Postgres, i.e. just after it.
 */
export const NEXT_LOCAL_MIDNIGHT = `
WITH zones AS (
  SELECT DISTINCT coalesce(s.timezone, 'UTC') AS tz
  FROM (SELECT DISTINCT site_id FROM device WHERE org_id = $1 AND status <> 'decommissioned') d
  LEFT JOIN site s ON s.org_id = $1 AND s.site_id = d.site_id
  UNION SELECT 'UTC' WHERE NOT EXISTS (SELECT 1 FROM device WHERE org_id = $1 AND status <> 'decommissioned')
)
SELECT greatest(min((date_trunc('day', $2::timestamptz AT TIME ZONE tz) + interval '1 day') AT TIME ZONE tz),
                $2::timestamptz + interval '1 second') AS next_due_at
FROM zones`;

/**
 * Keeps an organisation on the schedule after any evaluation ($1 org, $2 next local midnight): a new organisation
 * is added, and a new time zone can only bring the next run forward, never put off one that is due.
 */
export const ENSURE_SCHEDULED = `
INSERT INTO evaluation_schedule AS es (org_id, next_due_at) VALUES ($1, $2)
ON CONFLICT (org_id) DO UPDATE SET next_due_at = least(es.next_due_at, EXCLUDED.next_due_at)
WHERE EXCLUDED.next_due_at < es.next_due_at`;

/**
 * Events changed the organisation's projection at $2 ($1 org). Its organisation-wide evaluation is then due once the
 * changes have paused for the debounce, or at the latest the maximum wait after the first one (CLAIM_DUE).
 */
export const REQUEST_SOON = `
INSERT INTO evaluation_schedule AS es (org_id, next_due_at, changed_at, pending_since) VALUES ($1, $2::timestamptz + interval '1 day', $2, $2)
ON CONFLICT (org_id) DO UPDATE SET changed_at = greatest(es.changed_at, EXCLUDED.changed_at),
  pending_since = coalesce(es.pending_since, EXCLUDED.pending_since)`;

/**
 * Claims the most overdue organisation whose run is due and not held by a live lease ($1 token, $2 replica,
 * $3 now, $4 lease in ms, $5 debounce in ms, $6 longest wait in ms): due at its local midnight, or when changes are
 * pending and have paused for the debounce (or have been pending for the longest wait). Own short transaction: SKIP LOCKED lets replicas claim side by side without waiting on
 * each other; the lease (not a lock held for the whole run) is what keeps a second replica off, and what lets one
 * retry after the holder died.
 */
export const CLAIM_DUE = `
UPDATE evaluation_schedule es
SET lease_token = $1, leased_by = $2, lease_until = $3::timestamptz + make_interval(secs => $4::int / 1000.0),
    attempts = es.attempts + 1
FROM (SELECT org_id FROM evaluation_schedule
      WHERE (next_due_at <= $3::timestamptz
             OR changed_at <= $3::timestamptz - make_interval(secs => $5::int / 1000.0)
             OR pending_since <= $3::timestamptz - make_interval(secs => $6::int / 1000.0))
        AND (lease_until IS NULL OR lease_until <= $3::timestamptz)
      ORDER BY next_due_at LIMIT 1 FOR UPDATE SKIP LOCKED) due
WHERE es.org_id = due.org_id
RETURNING es.org_id, es.next_due_at, es.attempts`;

/**
 * Completes a claimed run in the run's own transaction ($1 org, $2 token, $3 the run's instant, $4 next due).
 * Changes made after the run started stay pending (another run follows); earlier ones are covered by this run.
 * Matches nothing when the lease was lost (expired and taken by another replica): the caller then rolls back.
 */
export const FINISH_RUN = `
UPDATE evaluation_schedule
SET next_due_at = $4,
    changed_at = CASE WHEN changed_at > $3::timestamptz THEN changed_at END,
    pending_since = CASE WHEN changed_at > $3::timestamptz THEN changed_at END, lease_token = NULL, leased_by = NULL, lease_until = NULL, attempts = 0, runs = runs + 1,
    last_run_at = $3, last_error = NULL
WHERE org_id = $1 AND lease_token = $2
RETURNING runs`;

/** Records why a run failed ($1 org, $2 token, $3 message); the lease stays, so the retry waits for its expiry. */
export const RECORD_FAILURE = `
UPDATE evaluation_schedule SET last_error = $3 WHERE org_id = $1 AND lease_token = $2`;
