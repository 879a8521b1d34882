import type { ReplacementReason } from '@fleetward/contracts';
import type { EntityManager } from 'typeorm';
import type { ItemState } from './item-state.js';

export interface PlanItem {
  id: string;
  deviceId: string;
  deviceName: string;
  siteId: string | null;
  deviceType: string;
  reason: ReplacementReason;
  triggerDate: string;
  dueDate: string;
  priority: number;
  estimatedCost: number | null;
  state: ItemState;
  stateReason: string | null;
  replacedByDeviceId: string | null;
  updatedAt: string;
}

export interface PlanItemAudit {
  fromState: string | null;
  toState: string;
  reason: string | null;
  actor: string;
  at: string;
}

const SELECT = `
SELECT i.id, i.device_id AS "deviceId", coalesce(nullif(d.name, ''), i.device_id) AS "deviceName", d.site_id AS "siteId",
       d.type AS "deviceType", i.reason, i.trigger_date::text AS "triggerDate", i.due_date::text AS "dueDate", i.priority,
       i.estimated_cost::float8 AS "estimatedCost", i.state, i.state_reason AS "stateReason",
       i.replaced_by_device_id AS "replacedByDeviceId", to_char(i.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "updatedAt"
FROM replacement_item i LEFT JOIN device d ON d.org_id = i.org_id AND d.device_id = i.device_id`;

export class PlanItemsRepository {
  async list(
    m: EntityManager,
    orgId: string,
    f: { state?: ItemState; deviceId?: string; limit: number; after?: { dueDate: string; id: string } },
  ): Promise<PlanItem[]> {
    return m.query(
      `${SELECT} WHERE i.org_id = $1 AND ($2::text IS NULL OR i.state = $2)
         AND ($3::date IS NULL OR (i.due_date, i.id) > ($3::date, $4::uuid))
         AND ($6::text IS NULL OR i.device_id = $6)
       ORDER BY i.due_date, i.id LIMIT $5`,
      [orgId, f.state ?? null, f.after?.dueDate ?? null, f.after?.id ?? null, f.limit, f.deviceId ?? null],
    );
  }

  async get(m: EntityManager, orgId: string, id: string, forUpdate = false): Promise<PlanItem | undefined> {
    const [row] = await m.query(`${SELECT} WHERE i.org_id = $1 AND i.id = $2 ${forUpdate ? 'FOR UPDATE OF i' : ''}`, [
      orgId,
      id,
    ]);
    return row;
  }

  /** The audit trigger records the change, with the actor set for this transaction. */
  async move(
    m: EntityManager,
    orgId: string,
    id: string,
    to: ItemState,
    reason: string | null,
    actor: string,
    replacedBy: string | null,
  ): Promise<void> {
    await m.query(`SELECT set_config('fleetward.actor', $1, true)`, [actor]);
    await m.query(
      `UPDATE replacement_item SET state = $3, state_reason = $4, replaced_by_device_id = coalesce($5, replaced_by_device_id),
         updated_at = now()
       WHERE org_id = $1 AND id = $2`,
      [orgId, id, to, reason, replacedBy],
    );
  }

  audit(m: EntityManager, orgId: string, id: string): Promise<PlanItemAudit[]> {
    return m.query(
      `SELECT from_state AS "fromState", to_state AS "toState", reason, actor,
              to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at
       FROM replacement_item_audit WHERE org_id = $1 AND item_id = $2 ORDER BY id`,
      [orgId, id],
    );
  }
}
