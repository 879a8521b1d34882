import path from 'node:path';
import { uniqueId } from '@fleetward/platform/testing';
import { describeServiceBoot } from '@fleetward/platform/testing/service-boot-suite';

// Its own durable consumer and queue: never take events or jobs meant for another notifier on this NATS/Redis.
describeServiceBoot('notifier', path.resolve(import.meta.dirname, '..'), () => ({
  CONSUMER_NAME: uniqueId('notifier'),
  QUEUE_PREFIX: uniqueId('q'),
}));
