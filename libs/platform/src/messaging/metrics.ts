import { Counter, Histogram, register, type Metric } from 'prom-client';

/** Returns the metric already registered under `name` on the default registry, or registers the new one. */
export function sharedMetric<M extends Metric>(name: string, create: () => M): M {
  return (register.getSingleMetric(name) as M | undefined) ?? create();
}

export const messagingMetrics = {
  published: () =>
    sharedMetric(
      'fleetward_messages_published_total',
      () =>
        new Counter({
          name: 'fleetward_messages_published_total',
          help: 'Messages published to JetStream, by whether the server reported a duplicate msgID',
          labelNames: ['duplicate'],
        }),
    ),
  processed: () =>
    sharedMetric(
      'fleetward_consumer_messages_processed_total',
      () =>
        new Counter({
          name: 'fleetward_consumer_messages_processed_total',
          help: 'Messages a durable consumer handled and acked',
          labelNames: ['consumer'],
        }),
    ),
  failed: () =>
    sharedMetric(
      'fleetward_consumer_messages_failed_total',
      () =>
        new Counter({
          name: 'fleetward_consumer_messages_failed_total',
          help: 'Handler failures that were retried later (nak with delay)',
          labelNames: ['consumer'],
        }),
    ),
  deadLettered: () =>
    sharedMetric(
      'fleetward_consumer_dead_letters_total',
      () =>
        new Counter({
          name: 'fleetward_consumer_dead_letters_total',
          help: 'Messages terminated and published to the dead-letter subject, by reason',
          labelNames: ['consumer', 'reason'],
        }),
    ),
  handlerDuration: () =>
    sharedMetric(
      'fleetward_consumer_handler_duration_seconds',
      () =>
        new Histogram({
          name: 'fleetward_consumer_handler_duration_seconds',
          help: 'Time spent in a consumer handler call (one message, or one batch in batch mode)',
          labelNames: ['consumer', 'mode'],
          buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10],
        }),
    ),
};
