import { ManualClock } from '@fleetward/platform/testing';
import { EvaluationService } from '../../src/evaluation/evaluation.service.js';
import type { DeviceSnapshot } from '../../src/projection/projection.types.js';
import { DailyEvaluationService } from '../../src/schedule/daily-evaluation.service.js';
import type { LifecycleDb } from './lifecycle-db.js';
import { setPolicy } from './plan-helpers.js';

export const LEASE_MS = 600_000;

/** One replica's scheduler on the test schema, reading time from `clock`. */
export function replica(l: LifecycleDb, clock: ManualClock): DailyEvaluationService {
  return new DailyEvaluationService(l.db.dataSource, clock, { LIFECYCLE_SCHEDULE_LEASE_MS: LEASE_MS });
}

/**
 * An organisation with one site in `timezone` and one camera whose warranty reminder (30 days' lead) falls on
 * 30 days before `warrantyEnd` in that zone (plus `more` devices on that site), evaluated once at the clock's time
 * the way an event would evaluate it, which puts the organisation on the schedule.
 */
export async function orgWithReminder(
  l: LifecycleDb,
  clock: ManualClock,
  o: { timezone: string; warrantyEnd: string; more?: Array<Partial<DeviceSnapshot> & { deviceId: string }> },
): Promise<string> {
  const org = l.newOrg();
  await l.org(org, (m) => l.projection.upsertSites(m, org, [{ siteId: 'site', parentId: null, timezone: o.timezone }]));
  const onSite = { siteId: 'site', sitePath: ['site'] };
  await l.devices(org, [
    { deviceId: 'cam', ...onSite, warrantyEnd: o.warrantyEnd },
    ...(o.more ?? []).map((d) => ({ ...onSite, ...d })),
  ]);
  await setPolicy(l, org, { kind: 'warranty-expiry', leadDays: 30 });
  await new EvaluationService(l.db.dataSource, clock).reevaluate(org);
  return org;
}

export interface OutboxEvent {
  id: string;
  type: string;
  deviceId: string;
  occurredAt: string;
}

/** The events of one organisation waiting in the outbox (no relay runs in these tests). */
export function outboxOf(l: LifecycleDb, org: string): Promise<OutboxEvent[]> {
  return l.db.ownerDataSource.query(
    `SELECT id::text, payload->>'type' AS type, payload->'data'->'device'->>'id' AS "deviceId",
            payload->>'occurredAt' AS "occurredAt"
     FROM outbox WHERE payload->>'orgId' = $1 ORDER BY payload->>'type', id`,
    [org],
  );
}

export async function scheduleOf(
  l: LifecycleDb,
  org: string,
): Promise<{ nextDueAt: string; runs: number; attempts: number; leasedBy: string | null }> {
  const [row] = await l.db.ownerDataSource.query(
    `SELECT next_due_at AS "nextDueAt", runs, attempts, leased_by AS "leasedBy"
     FROM evaluation_schedule WHERE org_id = $1`,
    [org],
  );
  return { ...row, nextDueAt: new Date(row.nextDueAt).toISOString() };
}
