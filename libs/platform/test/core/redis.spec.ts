import { describe, expect, it } from '@jest/globals';
import { Queue } from 'bullmq';
import { bullmqConnection, createRedis, redisRetryStrategy } from '../../src/redis/index.js';
import { uniqueId } from '../../src/testing/index.js';

describe('redis', () => {
  it('turns REDIS_URL into BullMQ connection options that wait through reconnects', () => {
    expect(bullmqConnection({ REDIS_URL: 'rediss://app:s%40cret@cache.internal:6380/2' })).toEqual({
      host: 'cache.internal',
      port: 6380,
      username: 'app',
      password: 's@cret',
      db: 2,
      tls: {},
      maxRetriesPerRequest: null,
      retryStrategy: redisRetryStrategy,
    });
  });

  it('connects ioredis and BullMQ to the local server', async () => {
    const config = { REDIS_URL: 'redis://127.0.0.1:6379' };
    const redis = createRedis(config, uniqueId('redistest'));
    const queue = new Queue(uniqueId('q'), { connection: bullmqConnection(config) });
    try {
      expect(await redis.ping()).toBe('PONG');
      const job = await queue.add('noop', { a: 1 }, { jobId: 'fixed-id' });
      expect(job.id).toBe('fixed-id');
    } finally {
      await queue.obliterate({ force: true });
      await queue.close();
      await redis.quit();
    }
  });
});
