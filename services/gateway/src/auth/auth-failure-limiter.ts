import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '@fleetward/platform';
import type { Config } from '../config.js';
import type { GatewayError } from '../http/gateway-error.js';
import { RateLimiter } from './rate-limiter.js';

/** What to do with one refused credential: audit it (401), audit that the limit was reached (429), or just 429. */
export type FailureVerdict = { audit: true; limited: null } | { audit: boolean; limited: GatewayError };

/**
 * Failed sign-ins per source address and named organisation, counted in Redis (shared by every replica) in the rate
 * limiter's window. Beyond AUTH_FAILURE_LIMIT a failure answers 429 and writes no audit row (one row says the limit
 * was reached): an anonymous client can neither flood an organisation's audit log nor guess credentials at the
 * gateway's full speed. Valid credentials from the same address still work: a shared NAT is not locked out.
 */
@Injectable()
export class AuthFailureLimiter {
  private readonly max: number;
  /** The gateway's schema names the installation: two sharing one Redis (tests, staging) count apart. */
  private readonly installation: string;

  constructor(
    private readonly limiter: RateLimiter,
    @Inject(APP_CONFIG) config: Config,
  ) {
    this.max = config.AUTH_FAILURE_LIMIT;
    this.installation = config.DB_SCHEMA;
  }

  async judge(orgId: string, sourceIp: string | null): Promise<FailureVerdict> {
    const { count, retryAfter } = await this.limiter.count(
      `authfail:${this.installation}:${orgId}:${sourceIp ?? 'unknown'}`,
    );
    if (count <= this.max) return { audit: true, limited: null };
    const limited = this.limiter.limited(
      `Too many failed sign-ins from this address (${this.max} per window); try again in ${retryAfter}s`,
      retryAfter,
    );
    return { audit: count === this.max + 1, limited };
  }
}
