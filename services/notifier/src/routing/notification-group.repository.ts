import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { IncidentRow } from '../incidents/incident.row.js';

export interface GroupRow {
  id: string;
  org_id: string;
  rule_id: string;
  group_key: string;
  first_alert_at: Date;
  last_sent_at: Date | null;
  changed_since_send: boolean;
  next_send_at: Date | null;
  seq: number;
}

/** `told_*`: the grouped incident's member totals this group last told about (null: never). */
export type MemberRow = IncidentRow & { notified_revision: number | null; told_added: number | null; told_removed: number | null };

/** Notification groups (Alertmanager's rule x grouping key) and which incident revision each has told about. */
export class NotificationGroupRepository {
  constructor(private readonly schema: string) {}

  private get g() {
    return `"${this.schema}".notification_group`;
  }

  /** Creates the group or marks it changed; returns it locked for the rest of the transaction. */
  async touch(m: EntityManager, orgId: string, ruleId: string, key: string, now: Date): Promise<GroupRow> {
    const rows: GroupRow[] = await m.query(
      `INSERT INTO ${this.g} (id, org_id, rule_id, group_key, first_alert_at, changed_since_send)
       VALUES ($1, $2, $3, $4, $5, true)
       ON CONFLICT (org_id, rule_id, group_key) DO UPDATE SET changed_since_send = true
       RETURNING *`,
      [randomUUID(), orgId, ruleId, key, now],
    );
    return rows[0]!;
  }

  async addMember(m: EntityManager, orgId: string, groupId: string, incidentId: string): Promise<void> {
    await m.query(
      `INSERT INTO "${this.schema}".group_member (org_id, group_id, incident_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
      [orgId, groupId, incidentId],
    );
  }

  /** `touch` for many keys of one rule in one statement (keys distinct); returns the groups by key, locked. */
  async touchMany(m: EntityManager, orgId: string, ruleId: string, keys: string[], now: Date): Promise<Map<string, GroupRow>> {
    const rows: GroupRow[] = await m.query(
      `INSERT INTO ${this.g} (id, org_id, rule_id, group_key, first_alert_at, changed_since_send)
       SELECT gen_random_uuid(), $1, $2, k, $4, true FROM unnest($3::text[]) AS k ORDER BY k
       ON CONFLICT (org_id, rule_id, group_key) DO UPDATE SET changed_since_send = true
       RETURNING *`,
      [orgId, ruleId, keys, now],
    );
    return new Map(rows.map((r) => [r.group_key, r]));
  }

  async addMembers(m: EntityManager, orgId: string, members: Array<{ groupId: string; incidentId: string }>): Promise<void> {
    if (members.length === 0) return;
    await m.query(
      `INSERT INTO "${this.schema}".group_member (org_id, group_id, incident_id)
       SELECT $1, x.g, x.i FROM unnest($2::uuid[], $3::uuid[]) AS x(g, i) ON CONFLICT DO NOTHING`,
      [orgId, members.map((x) => x.groupId), members.map((x) => x.incidentId)],
    );
  }

  async setNextSendMany(m: EntityManager, plans: Array<{ id: string; at: Date }>): Promise<void> {
    if (plans.length === 0) return;
    await m.query(`UPDATE ${this.g} g SET next_send_at = x.at FROM unnest($1::uuid[], $2::timestamptz[]) AS x(id, at) WHERE g.id = x.id`, [
      plans.map((p) => p.id),
      plans.map((p) => p.at),
    ]);
  }

  async lock(m: EntityManager, orgId: string, id: string): Promise<GroupRow | null> {
    const rows: GroupRow[] = await m.query(`SELECT * FROM ${this.g} WHERE org_id = $1 AND id = $2 FOR UPDATE`, [orgId, id]);
    return rows[0] ?? null;
  }

  async setNextSend(m: EntityManager, id: string, at: Date | null): Promise<void> {
    await m.query(`UPDATE ${this.g} SET next_send_at = $2 WHERE id = $1`, [id, at]);
  }

  async members(m: EntityManager, groupId: string): Promise<MemberRow[]> {
    return m.query(
      `SELECT i.*, gm.notified_revision, gm.told_added, gm.told_removed FROM "${this.schema}".group_member gm
       JOIN "${this.schema}".incident i ON i.id = gm.incident_id WHERE gm.group_id = $1 ORDER BY i.opened_at, i.id`,
      [groupId],
    );
  }

  /**
   * Records what was sent and forgets members that are resolved and told about. A group left empty is deleted, so
   * the next alert for its key starts a new group (and waits group_wait again), as in Alertmanager.
   */
  async markSent(m: EntityManager, g: GroupRow, told: MemberRow[], now: Date, next: Date | null): Promise<void> {
    // A grouped incident's digest counts its changes from what this message told.
    for (const i of told) {
      await m.query(
        `UPDATE "${this.schema}".group_member SET notified_revision = $3, told_added = $4, told_removed = $5
         WHERE group_id = $1 AND incident_id = $2`,
        [g.id, i.id, i.revision, i.members_added, i.members_removed],
      );
    }
    await m.query(
      `DELETE FROM "${this.schema}".group_member gm USING "${this.schema}".incident i
       WHERE gm.group_id = $1 AND i.id = gm.incident_id AND i.status = 'resolved' AND gm.notified_revision = i.revision`,
      [g.id],
    );
    const [, deleted] = (await m.query(
      `DELETE FROM ${this.g} WHERE id = $1 AND NOT EXISTS (SELECT 1 FROM "${this.schema}".group_member WHERE group_id = $1)`,
      [g.id],
    )) as [unknown, number];
    if (deleted) return;
    await m.query(
      `UPDATE ${this.g} SET last_sent_at = $2, seq = seq + 1, changed_since_send = false, next_send_at = $3 WHERE id = $1`,
      [g.id, now, next],
    );
  }

  /** Drops members that will never be told about (resolved quietly before any notification). */
  async dropSilent(m: EntityManager, groupId: string, incidentIds: string[]): Promise<void> {
    if (incidentIds.length === 0) return;
    await m.query(`DELETE FROM "${this.schema}".group_member WHERE group_id = $1 AND incident_id = ANY($2)`, [groupId, incidentIds]);
  }

  /** Records that an incident was told about outside the group (a maintenance digest), so later changes follow on. */
  async markTold(m: EntityManager, orgId: string, ruleId: string, key: string, incident: { id: string; revision: number }, now: Date): Promise<void> {
    const g = await this.touch(m, orgId, ruleId, key, now);
    await this.addMember(m, orgId, g.id, incident.id);
    await m.query(`UPDATE "${this.schema}".group_member SET notified_revision = $3 WHERE group_id = $1 AND incident_id = $2`, [
      g.id, incident.id, incident.revision,
    ]);
    await m.query(`UPDATE ${this.g} SET last_sent_at = COALESCE(last_sent_at, $2), changed_since_send = false WHERE id = $1`, [g.id, now]);
  }
}
