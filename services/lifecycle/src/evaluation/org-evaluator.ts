import { OutboxWriter } from '@fleetward/platform';
import type { EntityManager } from 'typeorm';
import { ComplianceRepository } from '../compliance/compliance.repository.js';
import { PlanRepository } from '../plan/plan.repository.js';
import { EVALUATION_DEBOUNCE_MS, ScheduleRepository } from '../schedule/schedule.repository.js';
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
    await this.lock(m, orgId);
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

  /**
   * After a batch of events: when the organisation was evaluated less than a moment ago (the middle of a burst),
   * the compliance of the devices they touched (`all` when a site's time zone may have
   * changed every device's "today", `none` for events that change no device's firmware or model) at once, and the
   * organisation-wide part (the replacement plan, whose annual cap ties every device to the others) through the
   * schedule a moment later, so a burst of batches costs one plan evaluation, not one each. The advisory lock orders
   * it with a running evaluation: a run either sees this batch or is followed by another one.
   */
  async evaluateChanged(
    m: EntityManager,
    orgId: string,
    asOf: Date,
    devices: readonly string[] | 'all' | 'none',
    correlationId?: string,
  ): Promise<EvaluationResult> {
    await this.lock(m, orgId);
    // Not evaluated for a while (a single change, the first batch of a burst): the whole organisation at once.
    if (!(await this.evaluatedSince(m, orgId, new Date(asOf.getTime() - EVALUATION_DEBOUNCE_MS))))
      return this.evaluate(m, orgId, asOf, correlationId);
    const compliance = devices === 'none' ? [] : await this.compliance.evaluate(m, orgId, asOf, devices === 'all' ? null : devices);
    await OutboxWriter.add(m, await noncompliantEvents(m, orgId, compliance, asOf, correlationId));
    await this.schedule.requestSoon(m, orgId, asOf);
    return {
      complianceChanged: compliance.length,
      becameNoncompliant: compliance.filter((c) => c.becameNoncompliant).length,
      planChanged: 0,
      replacementsDue: 0,
    };
  }

  private async evaluatedSince(m: EntityManager, orgId: string, since: Date): Promise<boolean> {
    const rows: unknown[] = await m.query(`SELECT 1 FROM org_evaluation WHERE org_id = $1 AND evaluated_at > $2`, [orgId, since]);
    return rows.length > 0;
  }

  private async lock(m: EntityManager, orgId: string): Promise<void> {
    await m.query(`SELECT pg_advisory_xact_lock(hashtext('lifecycle-evaluate'), hashtext($1))`, [orgId]);
    await m.query(`INSERT INTO known_org (org_id) VALUES ($1) ON CONFLICT DO NOTHING`, [orgId]);
  }
}
