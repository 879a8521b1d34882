import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { APP_CONFIG, REDIS } from '@fleetward/platform';
import type { GatewaySettings } from '../gateway-settings.js';
import { GatewayError } from '../http/gateway-error.js';

/**
 * Counts one request and returns { count, ms left in the window }. The window opens with the bucket's first request
 * (the expiry is set only when the key has none), so no calendar boundary doubles the budget.
 * KEYS[1] = bucket, ARGV[1] = window ms.
 */
const TAKE_LUA = `
local n = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return { n, ttl }`;

type ScriptedRedis = Redis & { rateLimitTake(key: string, windowMs: number): Promise<[number, number]> };

/**
 * Fixed-window request counter per credential in Redis, so every replica counts against the same budget.
 * One round trip per request: one scripted command (a MULTI of INCR + PEXPIRE NX + PTTL cost the gateway five
 * commands and replies per request).
 */
@Injectable()
export class RateLimiter {
  private readonly max: number;
  private readonly windowMs: number;
  private readonly redis: ScriptedRedis;

  constructor(@Inject(REDIS) redis: Redis, @Inject(APP_CONFIG) config: GatewaySettings) {
    this.max = config.RATE_LIMIT_MAX;
    this.windowMs = config.RATE_LIMIT_WINDOW_SECONDS * 1000;
    // The REDIS connection is shared: define the command on it once.
    if (!('rateLimitTake' in redis)) redis.defineCommand('rateLimitTake', { numberOfKeys: 1, lua: TAKE_LUA });
    this.redis = redis as ScriptedRedis;
  }

  /** Counts one request for `bucket`; throws 429 with Retry-After once the window's budget is spent. */
  async take(bucket: string): Promise<void> {
    const { count, retryAfter } = await this.count(bucket);
    if (count <= this.max) return;
    throw this.limited(
      `Rate limit of ${this.max} requests per ${this.windowMs / 1000}s reached for this credential`,
      retryAfter,
    );
  }

  /** Counts one event in `bucket`'s window: how many so far, and the seconds until the window closes. */
  async count(bucket: string): Promise<{ count: number; retryAfter: number }> {
    const key = `fleetward:gateway:rl:${bucket}`;
    const [count, ttlMs] = await this.redis.rateLimitTake(key, this.windowMs);
    return { count, retryAfter: Math.max(1, Math.ceil((ttlMs > 0 ? ttlMs : this.windowMs) / 1000)) };
  }

  limited(message: string, retryAfter: number): GatewayError {
    return new GatewayError(
      429,
      'RATE_LIMITED',
      message,
      { retryAfterSeconds: retryAfter },
      { 'Retry-After': String(retryAfter) },
    );
  }
}
