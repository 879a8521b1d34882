import { Counter, Gauge, Histogram } from 'prom-client';
import { sharedMetric } from '@fleetward/platform';

/** The health service's own series, on the process registry that /metrics exports. */
export const healthMetrics = {
  received: () =>
    sharedMetric(
      'fleetward_health_heartbeats_total',
      () =>
        new Counter({
          name: 'fleetward_health_heartbeats_total',
          help: 'Heartbeat samples received, by outcome',
          labelNames: ['outcome'],
        }),
    ),
  transitions: () =>
    sharedMetric(
      'fleetward_health_transitions_total',
      () =>
        new Counter({
          name: 'fleetward_health_transitions_total',
          help: 'Durable transitions published, by event type',
          labelNames: ['type'],
        }),
    ),
  lateness: () =>
    sharedMetric(
      'fleetward_health_detection_lateness_seconds',
      () =>
        new Histogram({
          name: 'fleetward_health_detection_lateness_seconds',
          help: 'How long after a deadline the detector applied it',
          buckets: [0.01, 0.05, 0.1, 0.2, 0.3, 0.5, 0.75, 1, 2, 5],
        }),
    ),
  flush: () =>
    sharedMetric(
      'fleetward_health_ingest_flush_seconds',
      () =>
        new Histogram({
          name: 'fleetward_health_ingest_flush_seconds',
          help: 'Duration of one coalesced flush of heartbeats to Redis',
          buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
        }),
    ),
  rebuilds: () =>
    sharedMetric(
      'fleetward_health_state_rebuilds_total',
      () =>
        new Counter({
          name: 'fleetward_health_state_rebuilds_total',
          help: 'Rebuilds of the Redis liveness state from the directory after it was lost, by outcome',
          labelNames: ['outcome'],
        }),
    ),
  restored: () =>
    sharedMetric(
      'fleetward_health_state_restored_devices_total',
      () =>
        new Counter({
          name: 'fleetward_health_state_restored_devices_total',
          help: 'Expected devices put back into the Redis state by rebuilds (unknown: state lost)',
        }),
    ),
  rebuildSeconds: () =>
    sharedMetric(
      'fleetward_health_state_rebuild_seconds',
      () =>
        new Histogram({
          name: 'fleetward_health_state_rebuild_seconds',
          help: 'Duration of a rebuild of the Redis liveness state',
          buckets: [0.1, 0.5, 1, 2, 5, 10, 30, 60, 120],
        }),
    ),
  rebuilding: () =>
    sharedMetric(
      'fleetward_health_state_rebuilding',
      () =>
        new Gauge({
          name: 'fleetward_health_state_rebuilding',
          help: '1 while this replica rebuilds the Redis liveness state',
        }),
    ),
};
