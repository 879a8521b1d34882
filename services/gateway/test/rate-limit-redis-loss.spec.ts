import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Redis } from 'ioredis';
import { startPrivateRedis, type PrivateRedis } from '@fleetward/platform/testing';
import type { GatewaySettings } from '../src/gateway-settings.js';
import { RateLimiter } from '../src/auth/rate-limiter.js';

/** What comes back after Redis lost the rate-limit counters (docs/redis-state.md): a fresh window, still enforced. */
describe('rate limits after Redis lost its data', () => {
  let server: PrivateRedis;
  let redis: Redis;

  beforeAll(async () => {
    server = await startPrivateRedis();
    redis = new Redis(server.url);
  });
  afterAll(async () => {
    await redis.quit();
    await server.stop();
  });

  it('gives each credential a fresh window, and limits it again within that window', async () => {
    const limiter = new RateLimiter(redis, { RATE_LIMIT_MAX: 2, RATE_LIMIT_WINDOW_SECONDS: 60 } as GatewaySettings);
    await limiter.take('key-a');
    await limiter.take('key-a');
    await expect(limiter.take('key-a')).rejects.toMatchObject({ code: 'RATE_LIMITED' });

    await redis.flushall();

    await limiter.take('key-a');
    await limiter.take('key-a');
    await expect(limiter.take('key-a')).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    // the new window has an expiry again: the counter cannot stick forever
    const ttl = await redis.pttl('fleetward:gateway:rl:key-a');
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(60_000);
  });
});
