import type { DataSource, EntityManager } from 'typeorm';
import { rowsOf } from '@fleetward/platform';
import { CLAIM_DUE, ENSURE_SCHEDULED, FINISH_RUN, NEXT_LOCAL_MIDNIGHT, RECORD_FAILURE, REQUEST_SOON } from './schedule.sql.js';

/** The organisation-wide evaluation after events runs once they have paused this long (one run covers a burst)... */
export const EVALUATION_DEBOUNCE_MS = 2_000;
/** ...or at the latest this long after the first change (a continuous stream of changes). */
export const EVALUATION_MAX_WAIT_MS = 30_000;

export interface Claim {
  orgId: string;
  token: string;
  /** When the run was due (its local midnight, or earlier if the service was down). */
  dueAt: Date;
  /** 1 for a first attempt; more when earlier claims died or failed. */
  attempt: number;
}

/** The evaluation schedule's SQL (see schedule.sql.ts). */
export class ScheduleRepository {
  async nextLocalMidnight(m: EntityManager, orgId: string, after: Date): Promise<Date> {
    const [row]: Array<{ next_due_at: Date }> = await m.query(NEXT_LOCAL_MIDNIGHT, [orgId, after]);
    return new Date(row!.next_due_at);
  }

  /** Puts the organisation on the schedule (or brings its next run forward); inside the org's transaction. */
  async ensure(m: EntityManager, orgId: string, after: Date): Promise<void> {
    await m.query(ENSURE_SCHEDULED, [orgId, await this.nextLocalMidnight(m, orgId, after)]);
  }

  /** Events changed the organisation at `at`: its organisation-wide evaluation runs soon (inside the batch's transaction). */
  async requestSoon(m: EntityManager, orgId: string, at: Date): Promise<void> {
    await m.query(REQUEST_SOON, [orgId, at]);
  }

  async claim(ds: DataSource, token: string, replica: string, now: Date, leaseMs: number): Promise<Claim | null> {
    const [row] = rowsOf<{ org_id: string; next_due_at: Date; attempts: number }>(
      await ds.query(CLAIM_DUE, [token, replica, now, leaseMs, EVALUATION_DEBOUNCE_MS, EVALUATION_MAX_WAIT_MS]),
    );
    return row ? { orgId: row.org_id, token, dueAt: new Date(row.next_due_at), attempt: row.attempts } : null;
  }

  /** True when the run still held its lease and is now recorded; false when another replica took it over. */
  async finish(m: EntityManager, claim: Claim, ranAt: Date): Promise<boolean> {
    const next = await this.nextLocalMidnight(m, claim.orgId, ranAt);
    return rowsOf(await m.query(FINISH_RUN, [claim.orgId, claim.token, ranAt, next])).length === 1;
  }

  async recordFailure(ds: DataSource, claim: Claim, message: string): Promise<void> {
    await ds.query(RECORD_FAILURE, [claim.orgId, claim.token, message.slice(0, 1000)]);
  }
}
