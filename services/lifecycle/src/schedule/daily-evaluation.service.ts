import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { APP_CONFIG, Clock, DomainError, withCorrelation, withOrg } from '@fleetward/platform';
import type { DataSource } from 'typeorm';
import type { Config } from '../config.js';
import { OrgEvaluator, type EvaluationResult } from '../evaluation/org-evaluator.js';
import { scheduleMetrics } from './schedule-metrics.js';
import { ScheduleRepository, type Claim } from './schedule.repository.js';

export type DailyRun =
  | { orgId: string; outcome: 'ok'; attempt: number; result: EvaluationResult }
  | { orgId: string; outcome: 'failed' | 'lease-lost'; attempt: number; error: string };

const leaseLost = (orgId: string) =>
  new DomainError('CONFLICT', 'SCHEDULE_LEASE_LOST', `the daily run of ${orgId} outlived its lease`);

/**
 * Runs each organisation's daily evaluation once its next local midnight has passed, on whichever replica claims it
 * first (schedule.sql.ts): dates that passed (an age limit, an end of support, a reminder's lead date) become plan
 * items and events even when no event arrives. The run is the event-driven evaluation itself, and it completes the
 * schedule row in the same transaction, so a run either happened entirely (state, outbox events, next due time) or
 * not at all and is retried after its lease.
 */
@Injectable()
export class DailyEvaluationService {
  private readonly logger = new Logger(DailyEvaluationService.name);
  private readonly schedule = new ScheduleRepository();
  private readonly evaluator = new OrgEvaluator();
  private readonly runs = scheduleMetrics.runs();
  private readonly lastRun = scheduleMetrics.lastRun();
  /** Names this replica in `leased_by`, for people reading the table. */
  readonly replica = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: Pick<Config, 'LIFECYCLE_SCHEDULE_LEASE_MS'>,
  ) {}

  /**
   * Claims and runs due organisations one at a time until none is left; `until()` false stops between runs. An
   * organisation claimed a second time in one pass (its run failed and outlasted its lease) ends the pass: the new
   * claim's lease then spaces out the retries instead of a tight loop.
   */
  async runDue(until: () => boolean = () => true): Promise<DailyRun[]> {
    const done: DailyRun[] = [];
    const seen = new Set<string>();
    while (until()) {
      const claim = await this.schedule.claim(
        this.dataSource,
        randomUUID(),
        this.replica,
        this.clock.now(),
        this.config.LIFECYCLE_SCHEDULE_LEASE_MS,
      );
      if (!claim || seen.has(claim.orgId)) break;
      seen.add(claim.orgId);
      done.push(await this.run(claim));
    }
    return done;
  }

  private async run(claim: Claim): Promise<DailyRun> {
    const correlationId = randomUUID();
    return withCorrelation(correlationId, async () => {
      const asOf = this.clock.now();
      const started = performance.now();
      try {
        const result = await withOrg(this.dataSource, claim.orgId, async (m) => {
          const r = await this.evaluator.evaluate(m, claim.orgId, asOf, correlationId);
          if (!(await this.schedule.finish(m, claim, asOf))) throw leaseLost(claim.orgId);
          return r;
        });
        this.runs.inc({ outcome: 'ok' });
        this.lastRun.set({ org: claim.orgId }, asOf.getTime() / 1000);
        this.logger.log(
          `daily evaluation of ${claim.orgId} (due ${claim.dueAt.toISOString()}, attempt ${claim.attempt}) in ` +
            `${Math.round(performance.now() - started)} ms: ${result.becameNoncompliant} newly non-compliant, ` +
            `${result.replacementsDue} replacements due, ${result.complianceChanged + result.planChanged} rows changed`,
        );
        return { orgId: claim.orgId, outcome: 'ok', attempt: claim.attempt, result };
      } catch (err) {
        return this.failed(claim, err as Error);
      }
    });
  }

  /** A failed run keeps its lease: the organisation is retried (by any replica) once the lease has expired. */
  private async failed(claim: Claim, err: Error): Promise<DailyRun> {
    const lost = err instanceof DomainError && err.reason === 'SCHEDULE_LEASE_LOST';
    const outcome = lost ? 'lease-lost' : 'failed';
    this.runs.inc({ outcome });
    if (lost) this.logger.warn(`${err.message}: another replica has taken it over; this run was rolled back`);
    else {
      this.logger.error(
        `daily evaluation of ${claim.orgId} failed (attempt ${claim.attempt}): ${err.message}`,
        err.stack,
      );
      await this.schedule.recordFailure(this.dataSource, claim, err.message).catch(() => undefined);
    }
    return { orgId: claim.orgId, outcome, attempt: claim.attempt, error: err.message };
  }
}
