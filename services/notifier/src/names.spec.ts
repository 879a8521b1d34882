import { describe, expect, it } from '@jest/globals';
import type { Config } from './config.js';
import { eventsConsumer, queuePrefix } from './names.js';

const config = (c: Partial<Config>) => ({ DB_SCHEMA: 'notifier', ...c }) as Config;

describe('notifier names on shared NATS and Redis', () => {
  it('follow the schema and the installation prefix', () => {
    expect(queuePrefix(config({}))).toBe('fleetward');
    expect(queuePrefix(config({ DB_SCHEMA: 't_9a' }))).toBe('fleetward-t_9a');
    expect(queuePrefix(config({ CONSUMER_PREFIX: 'e2e-1f' }))).toBe('e2e-1f-fleetward');
    expect(eventsConsumer(config({ CONSUMER_PREFIX: 'e2e-1f' }))).toBe('e2e-1f-notifier-events');
  });
});
