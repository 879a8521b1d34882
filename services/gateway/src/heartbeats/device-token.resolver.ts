import { Inject, Injectable } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import { InventoryRpc, type Caller } from '@fleetward/contracts';
import { APP_CONFIG } from '@fleetward/platform';
import type { z } from 'zod';
import { LruCache } from '../common/lru-cache.js';
import type { GatewaySettings } from '../gateway-settings.js';
import { notFound } from '../http/gateway-error.js';
import { ServiceClient } from '../rpc/service-client.js';

type DeviceRef = z.output<typeof InventoryRpc.devicesByToken.response>;

/** Unknown tokens are remembered for a shorter time, so a flood of guesses does not become a flood of RPCs. */
const NEGATIVE_TTL_MS = 5000;

/** One cached lookup, kept small: about 200 bytes per entry with its key, so a million devices take ~200 MB. */
interface Entry {
  device: DeviceRef | null;
  until: number;
}

/**
 * Device heartbeat token -> device, via the inventory service (which owns tokens), cached for HB_TOKEN_CACHE_TTL_MS
 * in an LRU of HB_TOKEN_CACHE_MAX_ENTRIES: the devices heard from recently stay cached however many others pass.
 * Cache keys are token hashes (128 bits of SHA-256), so the cache never holds a usable token. Organisation and site
 * ids repeat across thousands of devices and are stored once.
 */
@Injectable()
export class DeviceTokenResolver {
  private readonly cache: LruCache<string, Entry>;
  /** Organisation and site ids, stored once however many devices share them. */
  private readonly shared = new LruCache<string, string>(100_000);
  private readonly ttlMs: number;

  constructor(
    private readonly services: ServiceClient,
    @Inject(APP_CONFIG) config: GatewaySettings,
  ) {
    this.ttlMs = config.HB_TOKEN_CACHE_TTL_MS;
    this.cache = new LruCache(config.HB_TOKEN_CACHE_MAX_ENTRIES);
  }

  async resolve(token: string): Promise<DeviceRef> {
    const key = createHash('sha256').update(token).digest().subarray(0, 16).toString('base64url');
    const hit = this.cache.get(key);
    if (hit && hit.until > Date.now()) return hit.device ?? Promise.reject(notFound());
    const found = await this.lookup(token);
    const device = found && {
      ...found,
      orgId: this.once(found.orgId),
      siteId: found.siteId && this.once(found.siteId),
    };
    this.cache.set(key, { device, until: Date.now() + (device ? this.ttlMs : Math.min(this.ttlMs, NEGATIVE_TTL_MS)) });
    if (!device) throw notFound();
    return device;
  }

  /** The one copy of an id many devices share (their organisation, their site). */
  private once(id: string): string {
    const known = this.shared.get(id);
    if (known !== undefined) return known;
    this.shared.set(id, id);
    return id;
  }

  private async lookup(token: string): Promise<DeviceRef | null> {
    // The token is the credential: inventory does not consult the caller's org for this call.
    const caller: Caller = {
      orgId: 'device-token',
      role: 'integration',
      actor: 'device-token',
      correlationId: randomUUID(),
    };
    try {
      return await this.services.call(InventoryRpc.devicesByToken, { token }, caller);
    } catch (err) {
      const e = err as { code?: unknown };
      if (e.code === 'NOT_FOUND' || e.code === 'INVALID') return null;
      throw err;
    }
  }
}
