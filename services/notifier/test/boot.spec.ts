import path from 'node:path';
import { describeServiceBoot, uniqueId } from '@fleetward/platform/testing';

// Its own durable consumer and queue: never take events or jobs meant for another notifier on this NATS/Redis.
describeServiceBoot('notifier', path.resolve(import.meta.dirname, '..'), () => ({
  CONSUMER_NAME: uniqueId('notifier'),
  QUEUE_PREFIX: uniqueId('q'),
}));
