import type { Logger } from '@nestjs/common';
import { healthMetrics } from '../health-metrics.js';

export interface RebuildReport {
  /** done: state sealed; skipped: another replica holds the lock or the state was sealed meanwhile; interrupted:
   * the lock was lost (Redis emptied again), the next check starts over. */
  outcome: 'done' | 'skipped' | 'interrupted' | 'failed';
  restored: number;
  orgs: number;
  durationMs: number;
  error?: string;
}

/** What a rebuild that did something tells the operator: metrics and one log line. */
export function reportRebuild(logger: Logger, out: RebuildReport): void {
  healthMetrics.rebuilds().inc({ outcome: out.outcome });
  healthMetrics.restored().inc(out.restored);
  healthMetrics.rebuildSeconds().observe(out.durationMs / 1000);
  const what = `${out.restored} devices of ${out.orgs} organisations in ${out.durationMs} ms`;
  if (out.outcome === 'done' && out.restored > 0)
    logger.warn(
      `Redis liveness state was lost (epoch marker missing): rebuilt ${what} from the directory; ` +
        'they are unknown (state lost) until they beat, offline one full threshold after input flows again',
    );
  else if (out.outcome === 'done') logger.log(`liveness state sealed: nothing to restore (${what})`);
  else logger.error(`rebuild of the lost Redis liveness state ${out.outcome}: ${what} ${out.error ?? ''}`);
}
