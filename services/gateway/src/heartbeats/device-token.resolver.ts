import { Inject, Injectable } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import { InventoryRpc, type Caller } from '@fleetward/contracts';
import { APP_CONFIG } from '@fleetward/platform';
import type { z } from 'zod';
import type { GatewaySettings } from '../gateway-settings.js';
import { notFound } from '../http/gateway-error.js';
import { ServiceClient } from '../rpc/service-client.js';

type DeviceRef = z.output<typeof InventoryRpc.devicesByToken.response>;

/** Unknown tokens are remembered for a shorter time, so a flood of guesses does not become a flood of RPCs. */
const NEGATIVE_TTL_MS = 5000;

/**
 * Device heartbeat token -> device, via the inventory service (which owns tokens), cached for HB_TOKEN_CACHE_TTL_MS.
 * Cache keys are token hashes, so the cache never holds a usable token.
 */
@Injectable()
export class DeviceTokenResolver {
  private readonly cache = new Map<string, { device: DeviceRef | null; until: number }>();
  private readonly ttlMs: number;

  constructor(
    private readonly services: ServiceClient,
    @Inject(APP_CONFIG) config: GatewaySettings,
  ) {
    this.ttlMs = config.HB_TOKEN_CACHE_TTL_MS;
  }

  async resolve(token: string): Promise<DeviceRef> {
    const key = createHash('sha256').update(token).digest('base64url');
    const hit = this.cache.get(key);
    if (hit && hit.until > Date.now()) return hit.device ?? Promise.reject(notFound());
    const device = await this.lookup(token);
    if (this.cache.size > 50_000) this.cache.clear();
    this.cache.set(key, { device, until: Date.now() + (device ? this.ttlMs : Math.min(this.ttlMs, NEGATIVE_TTL_MS)) });
    if (!device) throw notFound();
    return device;
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
