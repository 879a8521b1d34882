import type { EntityManager } from 'typeorm';
import type { PolicyKind } from '../policies/replacement-policy.schema.js';
import { ANNUAL_CAP, policyMapSql } from './candidates.sql.js';
import { SCHEDULE, UPSERT_PLAN } from './plan.sql.js';

export interface PlanChange {
  itemId: string;
  deviceId: string;
  reason: string;
  triggerDate: string;
  dueDate: string;
  estimatedCost: string | null;
  priority: number;
  /** True exactly once per (device, reason): when the item is first created. */
  announce: boolean;
}

export interface ScheduledReplacement {
  deviceId: string;
  siteId: string | null;
  type: string;
  reason: string;
  triggerDate: string;
  dueDate: string;
  priority: number;
  estimatedCost: string | null;
}

/**
 * Resolves the policy of every (site, type) pair into the transaction's temporary `policy_map`, analysed so the
 * fleet-wide statements that follow get row estimates the planner can trust; returns the parameters they take.
 */
export async function preparePolicies(
  m: EntityManager,
  orgId: string,
  asOf: Date,
  source: 'effective' | PolicyKind,
): Promise<[string, Date, string | null]> {
  await m.query(`SET LOCAL work_mem = '64MB'`);
  await m.query(`DROP TABLE IF EXISTS pg_temp.policy_map`);
  await m.query(policyMapSql(source), [orgId, asOf]);
  await m.query(`ANALYZE pg_temp.policy_map`);
  const [cap]: Array<{ cap: string | null }> = await m.query(ANNUAL_CAP, [orgId]);
  return [orgId, asOf, cap?.cap ?? null];
}

export class PlanRepository {
  /** Recomputes the organisation's plan set-based; returns the items created or changed. */
  async evaluate(m: EntityManager, orgId: string, asOf: Date): Promise<PlanChange[]> {
    const params = await preparePolicies(m, orgId, asOf, 'effective');
    const rows: Array<Record<string, string & number & boolean>> = await m.query(UPSERT_PLAN, params);
    return rows.map((r) => ({
      itemId: r['id'],
      deviceId: r['device_id'],
      reason: r['reason'],
      triggerDate: r['trigger_date'],
      dueDate: r['due_date'],
      estimatedCost: r['estimated_cost'],
      priority: r['priority'],
      announce: r['announce'],
    }));
  }
}

/** All replacements the policy source implies, future ones included, with the annual cap applied. */
export async function schedule(
  m: EntityManager,
  orgId: string,
  asOf: Date,
  source: 'effective' | PolicyKind,
): Promise<ScheduledReplacement[]> {
  const rows: Array<Record<string, string & number>> = await m.query(
    SCHEDULE,
    await preparePolicies(m, orgId, asOf, source),
  );
  return rows.map((r) => ({
    deviceId: r['device_id'],
    siteId: r['site_id'],
    type: r['type'],
    reason: r['reason'],
    triggerDate: r['trigger_date'],
    dueDate: r['due_date'],
    priority: r['priority'],
    estimatedCost: r['estimated_cost'],
  }));
}
