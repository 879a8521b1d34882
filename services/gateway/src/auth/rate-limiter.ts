import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { APP_CONFIG, REDIS } from '@fleetward/platform';
import type { GatewaySettings } from '../gateway-settings.js';
import { GatewayError } from '../http/gateway-error.js';

/**
 * Fixed-window request counter per credential in Redis, so every replica counts against the same budget.
 * One round trip per request (INCR + PEXPIRE NX + PTTL in one MULTI).
 */
@Injectable()
export class RateLimiter {
  private readonly max: number;
  private readonly windowMs: number;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) config: GatewaySettings,
  ) {
    this.max = config.RATE_LIMIT_MAX;
    this.windowMs = config.RATE_LIMIT_WINDOW_SECONDS * 1000;
  }

  /** Counts one request for `bucket`; throws 429 with Retry-After once the window's budget is spent. */
  async take(bucket: string): Promise<void> {
    const key = `fleetward:gateway:rl:${bucket}`;
    // The window opens with the bucket's first request (PEXPIRE NX), so no calendar boundary doubles the budget.
    const results = await this.redis.multi().incr(key).pexpire(key, this.windowMs, 'NX').pttl(key).exec();
    const count = Number(results?.[0]?.[1] ?? 0);
    if (count <= this.max) return;
    const ttlMs = Number(results?.[2]?.[1] ?? this.windowMs);
    const retryAfter = Math.max(1, Math.ceil((ttlMs > 0 ? ttlMs : this.windowMs) / 1000));
    throw new GatewayError(
      429,
      'RATE_LIMITED',
      `Rate limit of ${this.max} requests per ${this.windowMs / 1000}s reached for this credential`,
      { retryAfterSeconds: retryAfter },
      { 'Retry-After': String(retryAfter) },
    );
  }
}
