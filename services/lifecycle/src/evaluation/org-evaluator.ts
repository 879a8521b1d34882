import { OutboxWriter } from '@fleetward/platform';
import type { EntityManager } from 'typeorm';
import { ComplianceRepository } from '../compliance/compliance.repository.js';
import { PlanRepository } from '../plan/plan.repository.js';
import { ScheduleRepository } from '../schedule/schedule.repository.js';
import { noncompliantEvents, replacementDueEvents } from './lifecycle-events.js';

export interface EvaluationResult {
  complianceChanged: number;
  becameNoncompliant: number;
  planChanged: number;
  replacementsDue: number;
}

/**
 * Re-evaluates firmware compliance and the replacement plan of one organisation, set-based, inside the caller's
 * org-scoped transaction, and adds the resulting events to the outbox in that same transaction. Evaluations of one
 * organisation are serialised by an advisory lock so two replicas cannot interleave them. Every evaluation keeps
 * the organisation on the daily schedule (schedule/), so one first seen through an event is re-evaluated at each of
 * its local midnights from then on.
 */
export class OrgEvaluator {
  constructor(
    private readonly compliance = new ComplianceRepository(),
    private readonly plan = new PlanRepository(),
    private readonly schedule = new ScheduleRepository(),
  ) {}

  async evaluate(m: EntityManager, orgId: string, asOf: Date, correlationId?: string): Promise<EvaluationResult> {
    await m.query(`SELECT pg_advisory_xact_lock(hashtext('lifecycle-evaluate'), hashtext($1))`, [orgId]);
    await m.query(`INSERT INTO known_org (org_id) VALUES ($1) ON CONFLICT DO NOTHING`, [orgId]);
    const compliance = await this.compliance.evaluate(m, orgId, asOf);
    const plan = await this.plan.evaluate(m, orgId, asOf);
    const events = [
      ...(await noncompliantEvents(m, orgId, compliance, asOf, correlationId)),
      ...(await replacementDueEvents(m, orgId, plan, asOf, correlationId)),
    ];
    await OutboxWriter.add(m, events);
    await m.query(
      `INSERT INTO org_evaluation (org_id, evaluated_at) VALUES ($1, $2)
       ON CONFLICT (org_id) DO UPDATE SET evaluated_at = EXCLUDED.evaluated_at`,
      [orgId, asOf],
    );
    await this.schedule.ensure(m, orgId, asOf);
    return {
      complianceChanged: compliance.length,
      becameNoncompliant: compliance.filter((c) => c.becameNoncompliant).length,
      planChanged: plan.length,
      replacementsDue: plan.filter((p) => p.announce).length,
    };
  }
}
