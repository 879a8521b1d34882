import { Counter, Histogram } from 'prom-client';
import { sharedMetric } from '@fleetward/platform';

/** Names match the Grafana dashboard in deploy/grafana. */
export const deliveryMetrics = {
  attempts: () =>
    sharedMetric(
      'fleetward_notification_deliveries_total',
      () =>
        new Counter({
          name: 'fleetward_notification_deliveries_total',
          help: 'Delivery attempts by channel type and outcome (delivered, failed = will retry or dead)',
          labelNames: ['channel', 'outcome'],
        }),
    ),
  latency: () =>
    sharedMetric(
      'fleetward_notification_delivery_seconds',
      () =>
        new Histogram({
          name: 'fleetward_notification_delivery_seconds',
          help: 'Time one delivery attempt took (network and receiver)',
          labelNames: ['channel'],
          buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
        }),
    ),
};
