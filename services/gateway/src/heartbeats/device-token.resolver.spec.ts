import { describe, expect, it } from '@jest/globals';
import type { GatewaySettings } from '../gateway-settings.js';
import type { ServiceClient } from '../rpc/service-client.js';
import { DeviceTokenResolver } from './device-token.resolver.js';

/** The inventory behind the RPC seam: every token `tok-<n>` is device `dev-<n>`; counts the lookups. */
function fakeInventory() {
  const asked: string[] = [];
  const client = {
    async call(_rpc: unknown, params: { token: string }) {
      asked.push(params.token);
      const n = params.token.replace('tok-', '');
      return { deviceId: `dev-${n}`, orgId: `org-${Number(n) % 10}`, siteId: `site-${Number(n) % 100}` };
    },
  } as unknown as ServiceClient;
  return { client, asked };
}

const settings = (max: number) =>
  ({ HB_TOKEN_CACHE_TTL_MS: 600_000, HB_TOKEN_CACHE_MAX_ENTRIES: max }) as GatewaySettings;

describe('DeviceTokenResolver', () => {
  it('keeps the devices it hears from regularly while more tokens than it holds pass through', async () => {
    const inventory = fakeInventory();
    const resolver = new DeviceTokenResolver(inventory.client, settings(60_000));
    const hot = Array.from({ length: 50_000 }, (_, i) => `tok-${i}`);
    for (const t of hot) await resolver.resolve(t);
    // Between two heartbeats of the hot set, 10,000 tokens heard once pass (hot + these fit; six rounds do not).
    for (let round = 0; round < 6; round++) {
      for (let j = 0; j < 10_000; j++) await resolver.resolve(`tok-${1_000_000 + round * 10_000 + j}`);
      for (const t of hot) expect((await resolver.resolve(t)).deviceId).toBe(t.replace('tok', 'dev'));
    }
    // The hot set was looked up once: 60,000 cold tokens (beyond the capacity) never flushed it.
    expect(inventory.asked).toHaveLength(hot.length + 60_000);
  }, 90_000);

  it('shares organisation and site ids between the devices that carry them', async () => {
    const resolver = new DeviceTokenResolver(fakeInventory().client, settings(1_000));
    const a = await resolver.resolve('tok-1');
    const b = await resolver.resolve('tok-101');
    expect(a.siteId).toBe(b.siteId);
    expect(a.deviceId).not.toBe(b.deviceId);
  });
});
