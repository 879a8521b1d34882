import { randomUUID } from 'node:crypto';
import type { Caller } from '@fleetward/contracts';
import { SignJWT } from 'jose';
import {
  CALLER_ASSERTION_ALG,
  CALLER_ASSERTION_ISSUER,
  CALLER_ASSERTION_TYP,
  MAX_ASSERTION_LIFETIME_S,
} from './caller-assertion.js';
import { DEFAULT_ASSERTION_TTL_S } from '../config/caller-config.js';
import type { CallerKey } from './caller-keys.js';

/**
 * Mints caller assertions (held by the gateway only): a compact Ed25519 JWS naming the caller's org, role, actor and
 * correlation id, for one target service (`aud`), valid for a few seconds, with a unique `jti` so it serves once.
 */
export class CallerSigner {
  constructor(
    private readonly signingKey: CallerKey,
    private readonly ttlSeconds = DEFAULT_ASSERTION_TTL_S,
  ) {
    if (ttlSeconds < 1 || ttlSeconds > MAX_ASSERTION_LIFETIME_S) {
      throw new Error(`caller assertion lifetime must be 1..${MAX_ASSERTION_LIFETIME_S} s, not ${ttlSeconds}`);
    }
  }

  get kid(): string {
    return this.signingKey.kid;
  }

  mint(caller: Caller, audience: string): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({ org: caller.orgId, role: caller.role, cid: caller.correlationId })
      .setProtectedHeader({ alg: CALLER_ASSERTION_ALG, kid: this.signingKey.kid, typ: CALLER_ASSERTION_TYP })
      .setIssuer(CALLER_ASSERTION_ISSUER)
      .setSubject(caller.actor)
      .setAudience(audience)
      .setJti(randomUUID())
      .setIssuedAt(now)
      .setExpirationTime(now + this.ttlSeconds)
      .sign(this.signingKey.key);
  }
}
