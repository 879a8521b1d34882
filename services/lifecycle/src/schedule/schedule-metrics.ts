import { Counter, Gauge } from 'prom-client';
import { sharedMetric } from '@fleetward/platform';

/** The daily evaluation's series, on the process registry that /metrics exports. */
export const scheduleMetrics = {
  runs: () =>
    sharedMetric(
      'fleetward_lifecycle_daily_runs_total',
      () =>
        new Counter({
          name: 'fleetward_lifecycle_daily_runs_total',
          help: 'Daily (local-midnight) evaluations run by this replica, by outcome (ok, failed, lease-lost)',
          labelNames: ['outcome'],
        }),
    ),
  /** Alert on `time() - this > 26 * 3600`: an organisation's daily evaluation has stopped happening. */
  lastRun: () =>
    sharedMetric(
      'fleetward_lifecycle_daily_last_run_timestamp_seconds',
      () =>
        new Gauge({
          name: 'fleetward_lifecycle_daily_last_run_timestamp_seconds',
          help: 'When this replica last completed an organisation daily evaluation (clock instant), by organisation',
          labelNames: ['org'],
        }),
    ),
};
