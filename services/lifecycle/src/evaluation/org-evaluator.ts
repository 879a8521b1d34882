import { OutboxWriter } from '@fleetward/platform';
import type { EntityManager } from 'typeorm';
import { ComplianceRepository } from '../compliance/compliance.repository.js';
import { PlanRepository } from '../plan/plan.repository.js';
import { ScheduleRepository } from '../schedule/schedule.repository.js';

/** Up to this many devices an organisation is evaluated whole after every batch (compliance + plan: ~0.2 s here). */
const WHOLE_AT_ONCE_DEVICES = 2_000;
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
   * After a batch of events: in a large organisation, the compliance of the devices they touched (`all` when a site's time zone may have
   * changed every device's "today", `none` for events that change no device's firmware or model) at once, and the
   * organisation-wide part (the replacement plan, whose annual cap ties every device to the others) through the
   * schedule once the changes pause (at most 30 s after the first), so a burst of batches costs one plan evaluation,
   * not one each. The advisory lock orders
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
    // A small organisation is evaluated whole at once (well under a second): its plan is current when the batch commits.
    if ((await this.activeDevices(m, orgId)) <= WHOLE_AT_ONCE_DEVICES) return this.evaluate(m, orgId, asOf, correlationId);
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

  private async activeDevices(m: EntityManager, orgId: string): Promise<number> {
    const [row]: Array<{ n: number }> = await m.query(
      `SELECT count(*)::int AS n FROM device WHERE org_id = $1 AND status <> 'decommissioned'`,
      [orgId],
    );
    return row?.n ?? 0;
  }

  private async lock(m: EntityManager, orgId: string): Promise<void> {
    await m.query(`SELECT pg_advisory_xact_lock(hashtext('lifecycle-evaluate'), hashtext($1))`, [orgId]);
    await m.query(`INSERT INTO known_org (org_id) VALUES ($1) ON CONFLICT DO NOTHING`, [orgId]);
  }
}
