import { durableName } from '@fleetward/platform';
import type { Config } from './config.js';

/** The durable consumer of the event stream; also the inbox's consumer key. Follows the schema (see durableName). */
export const eventsConsumer = (c: Config) => durableName(c, 'notifier', 'events');

/**
 * BullMQ key prefix: one queue per notifier schema and installation (CONSUMER_PREFIX), so tests, an end-to-end stack
 * and a developer's stack sharing a Redis never take each other's jobs.
 */
export const queuePrefix = (c: Config) => {
  const base = c.DB_SCHEMA === 'notifier' ? 'fleetward' : `fleetward-${c.DB_SCHEMA}`;
  return c.CONSUMER_PREFIX ? `${c.CONSUMER_PREFIX}-${base}` : base;
};
