import { deviceWithTokenSchema } from '@fleetward/contracts';
import type { Fleet } from './fleet.js';

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

/** POSTs; `null` when the resource already exists (409), so registering again after an interruption resumes. */
async function post<T>(o: RegisterOptions, path: string, body: unknown): Promise<T | null> {
  const res = await fetch(new URL(path, o.gatewayUrl), {
    method: 'POST',
    headers: { authorization: `Bearer ${o.apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (res.status === 409) return null;
  if (!res.ok) throw new Error(`POST ${path}: HTTP ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** The simulated devices that already exist, by serial (paged through the list API once, when first needed). */
async function existingDevices(o: RegisterOptions): Promise<Map<string, string>> {
  const bySerial = new Map<string, string>();
  let cursor: string | null = null;
  do {
    const url = new URL(`/api/v1/devices?vendor=Simulated&limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, o.gatewayUrl);
    const res = await fetch(url, { headers: { authorization: `Bearer ${o.apiKey}` } });
    if (!res.ok) throw new Error(`GET /api/v1/devices: HTTP ${res.status} ${await res.text()}`);
    const page = (await res.json()) as { items: Array<{ id: string; serial: string }>; nextCursor: string | null };
    for (const d of page.items) bySerial.set(d.serial, d.id);
    cursor = page.nextCursor;
  } while (cursor);
  return bySerial;
}

/**
 * Creates the simulated sites and devices through the gateway's inventory API (`POST /api/v1/sites`,
 * `POST /api/v1/devices`) and returns the fleet with the ids the inventory assigned, so heartbeats name devices the
 * health service expects (it learns them from device.registered). Sites and devices that already exist are reused.
 */
export async function registerFleet(o: RegisterOptions, onProgress?: (done: number) => void): Promise<Fleet> {
  const fleet: Fleet = { orgId: o.orgId, sites: [] };
  let existing: Map<string, string> | undefined;
  const existingId = async (serial: string) => {
    existing ??= await existingDevices(o);
    const id = existing.get(serial);
    if (!id) throw new Error(`device ${serial} exists but is not listed among the Simulated devices`);
    return id;
  };
  for (let s = 0; s < o.sites; s++) {
    const siteId = `sim-s${s}`;
    await post(o, '/api/v1/sites', { id: siteId, name: `Simulated site ${s}`, code: `SIM-${s}` });
    fleet.sites.push({ siteId, devices: [] });
  }
  for (let d = 0; d < o.devices; d++) {
    const site = fleet.sites[d % o.sites]!;
    const serial = `SIM-${o.orgId}-${d}`;
    const created = await post<unknown>(o, '/api/v1/devices', {
      vendor: 'Simulated',
      type: 'camera',
      name: `sim camera ${d}`,
      serial,
      siteId: site.siteId,
      heartbeatIntervalSec: o.intervalSec,
      offlineThresholdSec: o.thresholdSec,
    });
    // The reply is checked against the API contract: a wrong shape fails here, not as silent heartbeats.
    site.devices.push(created ? deviceWithTokenSchema.parse(created).device.id : await existingId(serial));
    onProgress?.(d + 1);
  }
  return { orgId: o.orgId, sites: fleet.sites.filter((s) => s.devices.length > 0) };
}
