import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '@fleetward/platform';
import type { GatewaySettings } from '../gateway-settings.js';
import type { StoredKey } from './api-key.repository.js';

/**
 * Verified keys kept for AUTH_CACHE_TTL_MS, so a burst of requests with one key costs one database read.
 * A revocation through this replica takes effect at once; on other replicas within the TTL.
 */
@Injectable()
export class ApiKeyCache {
  private readonly entries = new Map<string, { key: StoredKey | null; until: number }>();
  private readonly ttlMs: number;

  constructor(@Inject(APP_CONFIG) config: GatewaySettings) {
    this.ttlMs = config.AUTH_CACHE_TTL_MS;
  }

  get(prefix: string): StoredKey | null | undefined {
    const e = this.entries.get(prefix);
    if (!e) return undefined;
    if (e.until < Date.now()) {
      this.entries.delete(prefix);
      return undefined;
    }
    return e.key;
  }

  set(prefix: string, key: StoredKey | null): void {
    if (this.ttlMs === 0) return;
    if (this.entries.size > 10_000) this.entries.clear();
    this.entries.set(prefix, { key, until: Date.now() + this.ttlMs });
  }

  forget(prefix: string): void {
    this.entries.delete(prefix);
  }
}
