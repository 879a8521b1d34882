import type { Fleet } from './fleet.js';
import { GatewayClient } from './gateway-client.js';

/**
 * Migration from an earlier fleet file (e.g. the bare `Simulated` cameras `npm start` registered before the realistic
 * demo): decommissions its devices that the new fleet does not contain, so they do not linger as silent devices,
 * then deletes its sites that are left empty. A retired device is first taken off its site (a decommissioned device
 * can no longer change, and still holds its site). Devices already decommissioned or gone are skipped.
 */
export async function retireFleet(o: { gatewayUrl: string; apiKey: string }, old: Fleet, kept: Fleet): Promise<number> {
  const api = new GatewayClient(o.gatewayUrl, o.apiKey);
  const keep = new Set(kept.sites.flatMap((s) => s.devices));
  const keepSites = new Set(kept.sites.map((s) => s.siteId));
  const retire = old.sites.flatMap((s) => s.devices).filter((id) => !keep.has(id));
  const body = { reason: 'replaced by the demo fleet' };
  const tolerate = (err: unknown) => {
    if (!(err instanceof Error) || !/HTTP 404/.test(err.message)) throw err;
  };
  // A few requests in flight: hundreds of sequential round trips would dominate the start-up time.
  for (let i = 0; i < retire.length; i += 8) {
    await Promise.all(
      retire.slice(i, i + 8).map(async (id) => {
        const device = `/api/v1/devices/${encodeURIComponent(id)}`;
        await api.request('PATCH', device, { siteId: null }, { conflictOk: true }).catch(tolerate);
        await api.request('POST', `${device}/decommission`, body, { conflictOk: true }).catch(tolerate);
      }),
    );
  }
  for (const s of old.sites)
    if (!keepSites.has(s.siteId))
      await api.request('DELETE', `/api/v1/sites/${encodeURIComponent(s.siteId)}`, undefined, { conflictOk: true }).catch(tolerate);
  return retire.length;
}
