import type { EntityManager } from 'typeorm';
import { rowsOf } from '@fleetward/platform';

/** Escalations armed when an incident opens under a rule with `escalateAfterSec`; fired at most once. */
export class EscalationRepository {
  constructor(private readonly schema: string) {}

  async arm(m: EntityManager, orgId: string, incidentId: string, ruleId: string, dueAt: Date): Promise<void> {
    await m.query(
      `INSERT INTO "${this.schema}".escalation (org_id, incident_id, rule_id, due_at) VALUES ($1,$2,$3,$4) ON CONFLICT DO NOTHING`,
      [orgId, incidentId, ruleId, dueAt],
    );
  }

  /** Marks it sent; true only for the first caller, and only while it is due. */
  async claim(m: EntityManager, incidentId: string, ruleId: string, now: Date): Promise<boolean> {
    const rows = rowsOf(await m.query(
      `UPDATE "${this.schema}".escalation SET sent_at = $3
       WHERE incident_id = $1 AND rule_id = $2 AND sent_at IS NULL AND due_at <= $3::timestamptz + interval '1 second'
       RETURNING incident_id`,
      [incidentId, ruleId, now],
    ));
    return rows.length > 0;
  }
}
