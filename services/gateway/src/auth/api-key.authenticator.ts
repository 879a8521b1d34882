import { Injectable, Logger } from '@nestjs/common';
import type { Caller } from '@fleetward/contracts';
import { parseKey, secretMatches } from '../keys/api-key-format.js';
import { ApiKeyCache } from '../keys/api-key.cache.js';
import { ApiKeyRepository } from '../keys/api-key.repository.js';
import { AuthFailure } from './auth-failure.js';
import type { Credential } from './authenticated-request.js';

/** last_used_at is written at most once a minute per key and replica, never once per request. */
const TOUCH_INTERVAL_MS = 60_000;

@Injectable()
export class ApiKeyAuthenticator {
  private readonly logger = new Logger(ApiKeyAuthenticator.name);
  private readonly touched = new Map<string, number>();

  constructor(
    private readonly keys: ApiKeyRepository,
    private readonly cache: ApiKeyCache,
  ) {}

  looksLikeKey(token: string): boolean {
    return token.startsWith('fwk.');
  }

  async authenticate(token: string, correlationId: string): Promise<{ caller: Caller; credential: Credential }> {
    const parsed = parseKey(token);
    if (!parsed) throw new AuthFailure('API_KEY_MALFORMED');
    let stored = this.cache.get(parsed.prefix);
    if (stored === undefined) {
      stored = await this.keys.findForAuth(parsed.orgId, parsed.keyId);
      this.cache.set(parsed.prefix, stored);
    }
    const actor = `key:${parsed.prefix}`;
    if (!stored || !secretMatches(parsed.secret, stored.secretHash))
      throw new AuthFailure('API_KEY_UNKNOWN', parsed.orgId, actor);
    if (stored.revokedAt) throw new AuthFailure('API_KEY_REVOKED', parsed.orgId, actor);
    if (stored.expiresAt && stored.expiresAt.getTime() <= Date.now())
      throw new AuthFailure('API_KEY_EXPIRED', parsed.orgId, actor);
    this.touch(stored.orgId, stored.id);
    return {
      caller: { orgId: stored.orgId, role: stored.role, actor, correlationId },
      credential: { kind: 'api-key', id: stored.prefix },
    };
  }

  private touch(orgId: string, keyId: string): void {
    const now = Date.now();
    const last = this.touched.get(keyId) ?? 0;
    if (now - last < TOUCH_INTERVAL_MS) return;
    this.touched.set(keyId, now);
    this.keys.touch(orgId, keyId, new Date(now)).catch((err: unknown) => {
      this.logger.warn(
        `could not record last use of key ${keyId}: ${err instanceof Error ? err.message : String(err)}`,
      );
    });
  }
}
