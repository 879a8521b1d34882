import type { EntityManager } from 'typeorm';
import type { PlannedJob } from './notifier-jobs.js';

/**
 * Everything the queue should hold according to Postgres: rebuilt into BullMQ at boot and every sweep, so a lost
 * Redis (or a crash between commit and enqueue) delays work by at most one sweep and never loses it.
 */
export class DueWorkRepository {
  constructor(private readonly schema: string) {}

  async rememberOrg(m: EntityManager, orgId: string): Promise<void> {
    await m.query(`INSERT INTO "${this.schema}".known_org (org_id) VALUES ($1) ON CONFLICT DO NOTHING`, [orgId]);
  }

  async orgs(m: EntityManager): Promise<string[]> {
    const rows: Array<{ org_id: string }> = await m.query(`SELECT org_id FROM "${this.schema}".known_org ORDER BY org_id`);
    return rows.map((r) => r.org_id);
  }

  /** Work of one organisation due before `horizon` (call inside `withOrg`). */
  async due(m: EntityManager, orgId: string, horizon: Date): Promise<PlannedJob[]> {
    const s = `"${this.schema}"`;
    const rows: Array<{ job: string; ref1: string; ref2: string | null; due_at: Date }> = await m.query(
      `SELECT 'flush' AS job, id::text AS ref1, NULL AS ref2, next_send_at AS due_at FROM ${s}.notification_group
         WHERE org_id = $1 AND next_send_at IS NOT NULL AND next_send_at <= $2
       UNION ALL SELECT 'escalate', incident_id::text, rule_id::text, due_at FROM ${s}.escalation
         WHERE org_id = $1 AND sent_at IS NULL AND due_at <= $2
       UNION ALL SELECT 'digest', window_id::text, NULL, occurrence_end FROM ${s}.maintenance_digest
         WHERE org_id = $1 AND sent_at IS NULL AND occurrence_end <= $2
       UNION ALL SELECT 'deliver', id, NULL, created_at FROM ${s}.delivery
         WHERE org_id = $1 AND status = 'pending' AND updated_at < now() - interval '1 minute'`,
      [orgId, horizon],
    );
    return rows.map((r): PlannedJob => {
      switch (r.job) {
        case 'flush':
          return { name: 'flush', data: { orgId, groupId: r.ref1 }, at: r.due_at };
        case 'escalate':
          return { name: 'escalate', data: { orgId, incidentId: r.ref1, ruleId: r.ref2! }, at: r.due_at };
        case 'digest':
          return { name: 'digest', data: { orgId, windowId: r.ref1, occurrenceEnd: r.due_at.toISOString() }, at: r.due_at };
        default:
          return { name: 'deliver', data: { orgId, deliveryId: r.ref1 }, at: new Date() };
      }
    });
  }
}
