import type { EntityManager } from 'typeorm';
import { UPSERT_PLAN } from './plan.sql.js';

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
