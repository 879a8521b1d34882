import { deviceWithTokenSchema } from '@fleetward/contracts';
import type { Fleet } from './fleet.js';
import { GatewayClient } from './gateway-client.js';

export interface RegisterOptions {
  /** Gateway base URL, e.g. http://127.0.0.1:8080 */
  gatewayUrl: string;
  /** An API key with sites:write and devices:write (role it or admin). */
  apiKey: string;
  orgId: string;
  devices: number;
  sites: number;
  intervalSec: number;
  /** Offline threshold given to each device. */
  thresholdSec: number;
}

/** The simulated devices that already exist, by serial (paged through the list API once, when first needed). */
async function existingDevices(api: GatewayClient): Promise<Map<string, string>> {
  const items = await api.all<{ id: string; serial: string }>('/api/v1/devices?vendor=Simulated');
  return new Map(items.map((d) => [d.serial, d.id]));
}

/**
 * Creates the simulated sites and devices through the gateway's inventory API (`POST /api/v1/sites`,
 * `POST /api/v1/devices`) and returns the fleet with the ids the inventory assigned, so heartbeats name devices the
 * health service expects (it learns them from device.registered). Sites and devices that already exist are reused.
 * A bare fleet of identical cameras, for tests and benchmarks; `registerDemoFleet` registers the realistic demo.
 */
export async function registerFleet(o: RegisterOptions, onProgress?: (done: number) => void): Promise<Fleet> {
  const api = new GatewayClient(o.gatewayUrl, o.apiKey);
  const fleet: Fleet = { orgId: o.orgId, sites: [] };
  let existing: Map<string, string> | undefined;
  const existingId = async (serial: string) => {
    existing ??= await existingDevices(api);
    const id = existing.get(serial);
    if (!id) throw new Error(`device ${serial} exists but is not listed among the Simulated devices`);
    return id;
  };
  for (let s = 0; s < o.sites; s++) {
    const siteId = `sim-s${s}`;
    await api.request('POST', '/api/v1/sites', { id: siteId, name: `Simulated site ${s}`, code: `SIM-${s}` }, { conflictOk: true });
    fleet.sites.push({ siteId, devices: [] });
  }
  for (let d = 0; d < o.devices; d++) {
    const site = fleet.sites[d % o.sites]!;
    const serial = `SIM-${o.orgId}-${d}`;
    const created = await api.request<unknown>(
      'POST',
      '/api/v1/devices',
      {
        vendor: 'Simulated',
        type: 'camera',
        name: `sim camera ${d}`,
        serial,
        siteId: site.siteId,
        heartbeatIntervalSec: o.intervalSec,
        offlineThresholdSec: o.thresholdSec,
      },
      { conflictOk: true },
    );
    // The reply is checked against the API contract: a wrong shape fails here, not as silent heartbeats.
    site.devices.push(created ? deviceWithTokenSchema.parse(created).device.id : await existingId(serial));
    onProgress?.(d + 1);
  }
  return { orgId: o.orgId, sites: fleet.sites.filter((s) => s.devices.length > 0) };
}
