import type { EntityManager } from 'typeorm';
import type { PolicyKind } from '../policies/replacement-policy.schema.js';
import { scheduleSql, UPSERT_PLAN } from './plan.sql.js';

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

interface Row {
  id: string;
  device_id: string;
  reason: string;
  trigger_date: string;
  due_date: string;
  estimated_cost: string | null;
  priority: number;
  announce: boolean;
}

export class PlanRepository {
  /** Recomputes the organisation's plan set-based; returns the items created or changed. */
  async evaluate(m: EntityManager, orgId: string, asOf: Date): Promise<PlanChange[]> {
    const rows: Row[] = await m.query(UPSERT_PLAN, [orgId, asOf]);
    return rows.map((r) => ({
      itemId: r.id,
      deviceId: r.device_id,
      reason: r.reason,
      triggerDate: r.trigger_date,
      dueDate: r.due_date,
      estimatedCost: r.estimated_cost,
      priority: r.priority,
      announce: r.announce,
    }));
  }
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

interface ScheduleRow {
  device_id: string;
  site_id: string | null;
  type: string;
  reason: string;
  trigger_date: string;
  due_date: string;
  priority: number;
  estimated_cost: string | null;
}

/** All replacements the policy source implies, future ones included, with the annual cap applied. */
export async function schedule(
  m: EntityManager,
  orgId: string,
  asOf: Date,
  policySource: 'effective' | PolicyKind,
): Promise<ScheduledReplacement[]> {
  const rows: ScheduleRow[] = await m.query(scheduleSql(policySource), [orgId, asOf]);
  return rows.map((r) => ({
    deviceId: r.device_id,
    siteId: r.site_id,
    type: r.type,
    reason: r.reason,
    triggerDate: r.trigger_date,
    dueDate: r.due_date,
    priority: r.priority,
    estimatedCost: r.estimated_cost,
  }));
}
