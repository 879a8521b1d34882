import { Injectable, Logger, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { EventEnvelope } from '@fleetward/contracts';
import { Clock, Inbox, systemClock, withOrg } from '@fleetward/platform';
import type { DataSource } from 'typeorm';
import { applyEvent, isFollowed } from '../events/apply-event.js';
import { ProjectionRepository } from '../projection/projection.repository.js';
import { OrgEvaluator, type EvaluationResult } from './org-evaluator.js';

/**
 * Which devices' compliance a batch of events can change: the devices registered or updated (their firmware, model),
 * every device when a site changed (its time zone decides "today"), none for health and warranty events (they change
 * the replacement plan only, which the schedule re-evaluates a moment later for the whole organisation).
 */
function complianceScope(events: readonly EventEnvelope[]): string[] | 'all' | 'none' {
  if (events.some((e) => e.type === 'site.created' || e.type === 'site.updated')) return 'all';
  const ids = events
    .filter((e) => e.type === 'device.registered' || e.type === 'device.updated' || e.type === 'device.decommissioned')
    .map((e) => (e.data as { id: string }).id);
  return ids.length > 0 ? [...new Set(ids)] : 'none';
}

/**
 * Applies organisation events to lifecycle's projection, once per batch and organisation: the compliance of the
 * devices the batch touched at once, the organisation-wide plan a moment later through the schedule (OrgEvaluator). Inbox rows, projection
 * changes, plan changes and outgoing events commit together, so a redelivered event changes nothing.
 * "Now" (and so each site's "today") comes from the injected Clock unless a caller passes its own instant.
 */
@Injectable()
export class EvaluationService {
  private readonly logger = new Logger(EvaluationService.name);
  private readonly projection = new ProjectionRepository();
  private readonly evaluator = new OrgEvaluator();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Optional() private readonly clock: Clock = systemClock,
  ) {}

  async applyBatch(consumer: string, events: readonly EventEnvelope[], now = this.clock.now()): Promise<void> {
    const byOrg = new Map<string, EventEnvelope[]>();
    for (const e of events) {
      if (!e.orgId || !isFollowed(e)) continue;
      const list = byOrg.get(e.orgId) ?? [];
      list.push(e);
      byOrg.set(e.orgId, list);
    }
    for (const [orgId, list] of byOrg) {
      await withOrg(this.dataSource, orgId, async (m) => {
        const fresh = await Inbox.claim(
          m,
          consumer,
          list.map((e) => e.id),
        );
        const todo = list.filter((e) => fresh.has(e.id.toLowerCase()));
        if (todo.length === 0) return;
        for (const e of todo) await applyEvent(this.projection, m, e);
        const r = await this.evaluator.evaluateChanged(m, orgId, now, complianceScope(todo), todo[todo.length - 1]!.correlationId);
        this.logResult(orgId, r);
      });
    }
  }

  /** Re-evaluates one organisation now (policy change, baseline change, catalog change, or on request). */
  reevaluate(orgId: string, now = this.clock.now(), correlationId?: string): Promise<EvaluationResult> {
    return withOrg(this.dataSource, orgId, async (m) => {
      const r = await this.evaluator.evaluate(m, orgId, now, correlationId);
      this.logResult(orgId, r);
      return r;
    });
  }

  /** Every organisation lifecycle knows, one transaction each (firmware.released belongs to no organisation). */
  async reevaluateAll(now = this.clock.now(), correlationId?: string): Promise<void> {
    const orgs: Array<{ org_id: string }> = await this.dataSource.query(`SELECT org_id FROM known_org ORDER BY org_id`);
    for (const { org_id } of orgs) await this.reevaluate(org_id, now, correlationId);
  }

  /** Info when something became due or non-compliant; every other evaluation (one per event batch) at debug. */
  private logResult(orgId: string, r: EvaluationResult): void {
    const line =
      `org ${orgId}: ${r.complianceChanged} compliance changes (${r.becameNoncompliant} newly non-compliant), ` +
      `${r.planChanged} plan changes (${r.replacementsDue} due)`;
    if (r.becameNoncompliant > 0 || r.replacementsDue > 0) this.logger.log(line);
    else this.logger.debug(line);
  }
}
