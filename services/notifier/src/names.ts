import { durableName } from '@fleetward/platform';
import type { Config } from './config.js';

/** The durable consumer of the event stream; also the inbox's consumer key. Follows the schema (see durableName). */
export const eventsConsumer = (c: Config) => durableName(c, 'notifier', 'events');

/** BullMQ key prefix: one queue per notifier schema, so tests and installations sharing a Redis stay apart. */
export const queuePrefix = (c: Config) => (c.DB_SCHEMA === 'notifier' ? 'fleetward' : `fleetward-${c.DB_SCHEMA}`);
