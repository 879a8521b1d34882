import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { RoutingRule } from '@fleetward/contracts';
import type { z } from 'zod';
import type { routingRuleInputSchema } from '@fleetward/contracts';
import { rowsOf, type CursorPosition } from '@fleetward/platform';

export type RuleInput = z.output<typeof routingRuleInputSchema>;

interface RuleRow {
  id: string;
  name: string;
  enabled: boolean;
  match: RoutingRule['match'];
  channel_ids: string[];
  timing: RoutingRule['timing'];
  quiet_hours: RoutingRule['quietHours'];
  escalate_after_sec: number | null;
  escalation_channel_ids: string[];
  created_at: Date;
  updated_at: Date;
}

export function toRule(r: RuleRow): RoutingRule {
  return {
    id: r.id,
    name: r.name,
    enabled: r.enabled,
    match: r.match,
    channelIds: r.channel_ids,
    timing: r.timing,
    quietHours: r.quiet_hours,
    escalateAfterSec: r.escalate_after_sec,
    escalationChannelIds: r.escalation_channel_ids,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  };
}

export class RoutingRuleRepository {
  constructor(private readonly schema: string) {}

  private get t() {
    return `"${this.schema}".routing_rule`;
  }

  async enabled(m: EntityManager, orgId: string): Promise<RoutingRule[]> {
    const rows: RuleRow[] = await m.query(`SELECT * FROM ${this.t} WHERE org_id = $1 AND enabled ORDER BY created_at, id`, [orgId]);
    return rows.map(toRule);
  }

  async get(m: EntityManager, orgId: string, id: string): Promise<RoutingRule | null> {
    const rows: RuleRow[] = await m.query(`SELECT * FROM ${this.t} WHERE org_id = $1 AND id = $2`, [orgId, id]);
    return rows[0] ? toRule(rows[0]) : null;
  }

  async list(m: EntityManager, orgId: string, after: CursorPosition | null, limit: number): Promise<RoutingRule[]> {
    const rows: RuleRow[] = await m.query(
      `SELECT * FROM ${this.t} WHERE org_id = $1 AND ($2::text IS NULL OR id::text > $2) ORDER BY id::text LIMIT $3`,
      [orgId, after?.[0] ?? null, limit + 1],
    );
    return rows.map(toRule);
  }

  async insert(m: EntityManager, orgId: string, r: RuleInput): Promise<RoutingRule> {
    const rows: RuleRow[] = await m.query(
      `INSERT INTO ${this.t} (id, org_id, name, enabled, match, channel_ids, timing, quiet_hours, escalate_after_sec,
         escalation_channel_ids) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10) RETURNING *`,
      [randomUUID(), orgId, r.name, r.enabled, r.match, r.channelIds, r.timing, r.quietHours, r.escalateAfterSec, r.escalationChannelIds],
    );
    return toRule(rows[0]!);
  }

  async update(m: EntityManager, orgId: string, id: string, r: RuleInput): Promise<RoutingRule | null> {
    const rows: RuleRow[] = rowsOf(await m.query(
      `UPDATE ${this.t} SET name = $3, enabled = $4, match = $5, channel_ids = $6, timing = $7, quiet_hours = $8,
         escalate_after_sec = $9, escalation_channel_ids = $10, updated_at = now()
       WHERE org_id = $1 AND id = $2 RETURNING *`,
      [orgId, id, r.name, r.enabled, r.match, r.channelIds, r.timing, r.quietHours, r.escalateAfterSec, r.escalationChannelIds],
    ));
    return rows[0] ? toRule(rows[0]) : null;
  }

  async delete(m: EntityManager, orgId: string, id: string): Promise<boolean> {
    const [, count] = (await m.query(`DELETE FROM ${this.t} WHERE org_id = $1 AND id = $2`, [orgId, id])) as [unknown, number];
    return count > 0;
  }
}
