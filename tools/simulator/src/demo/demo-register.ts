import { randomUUID } from 'node:crypto';
import { importJobSchema, type DeviceType } from '@fleetward/contracts';
import { DEMO_FLEET_PROFILE, type Fleet } from '../fleet.js';
import { GatewayClient } from '../gateway-client.js';
import { loadDemoData, type DemoData } from './demo-data.js';
import { demoDevicesCsv } from './demo-csv.js';
import { DEMO_TAG, generateDemoFleet, type DemoFleetPlan } from './demo-fleet.js';

export interface DemoRegisterOptions {
  gatewayUrl: string;
  /** An admin key of the organisation (settings, sites, models, import, policies; the catalog if it curates it). */
  apiKey: string;
  orgId: string;
  devices: number;
  sites: number;
  seed: number;
  intervalSec: number;
  thresholdSec: number;
  /** YYYY-MM-DD; default today (UTC). */
  today?: string;
  log?: (line: string) => void;
  /** How long to wait for the lifecycle service to know the imported devices (default 60 s). */
  settleMs?: number;
}

/**
 * Registers the demo organisation's fleet through the public API, idempotently (existing sites and models are
 * reused, devices are upserted by vendor + serial by the CSV import): heartbeat defaults, the region > site tree,
 * device models, the firmware catalog (when this organisation curates it), replacement policies and a baseline,
 * then every device in one CSV import. Returns the fleet the heartbeat simulation speaks for.
 */
export async function registerDemoFleet(o: DemoRegisterOptions): Promise<Fleet> {
  const log = o.log ?? (() => undefined);
  const api = new GatewayClient(o.gatewayUrl, o.apiKey);
  const data = loadDemoData();
  const plan = generateDemoFleet(data, { devices: o.devices, sites: o.sites, seed: o.seed, today: o.today ?? new Date().toISOString().slice(0, 10) });
  await setHeartbeatDefaults(api, data, o);
  await createSites(api, plan);
  for (const { listPrice: _p, weight: _w, ltsShare: _l, uncataloguedFirmware: _u, ...model } of data.models)
    await api.request('POST', '/api/v1/device-models', model, { conflictOk: true });
  await importCatalog(api, data, log);
  for (const policy of data.setup.policies) await api.request('PUT', '/api/v1/replacement-policies', policy);
  for (const baseline of data.setup.baselines) await api.request('PUT', '/api/v1/firmware/baselines', baseline);
  await importDevices(api, plan, log);
  const fleet = await listFleet(api, o.orgId, plan);
  await settle(api, plan, data, o.settleMs ?? 60_000, log);
  return fleet;
}

async function setHeartbeatDefaults(api: GatewayClient, data: DemoData, o: DemoRegisterOptions): Promise<void> {
  const types = [...new Set<DeviceType>(data.models.map((m) => m.type))];
  const value = { intervalSeconds: Math.max(5, Math.round(o.intervalSec)), offlineAfterSeconds: Math.max(10, Math.round(o.thresholdSec)) };
  await api.request('PATCH', '/api/v1/inventory/settings', { heartbeatDefaults: Object.fromEntries(types.map((t) => [t, value])) });
}

async function createSites(api: GatewayClient, plan: DemoFleetPlan): Promise<void> {
  for (const { id, name, code, timezone, tags } of plan.regions)
    await api.request('POST', '/api/v1/sites', { id, name, code, timezone, tags, kind: 'region' }, { conflictOk: true });
  for (const { region, ...site } of plan.sites)
    await api.request('POST', '/api/v1/sites', { ...site, parentId: region }, { conflictOk: true });
}

/** The shared catalog is written only by curator organisations (the gateway's CATALOG_ORGS): others skip it. */
async function importCatalog(api: GatewayClient, data: DemoData, log: (line: string) => void): Promise<void> {
  try {
    const r = await api.request<{ created: number; updated: number; problems: unknown[] }>('POST', '/api/v1/firmware/imports', { format: 'json', content: data.feedJson });
    if (r!.problems.length) throw new Error(`the demo firmware feed has problems: ${JSON.stringify(r!.problems)}`);
    const ended = data.models.flatMap((m) => (m.endOfSupport?.status === 'known' ? [{ vendor: m.vendor, model: m.model, endOfSupport: m.endOfSupport.date }] : []));
    if (ended.length) await api.request('PUT', '/api/v1/firmware/model-support', { items: ended });
    log(`firmware catalog: ${r!.created} releases created, ${r!.updated} updated`);
  } catch (err) {
    if (!(err instanceof Error) || !/HTTP 403/.test(err.message)) throw err;
    log('firmware catalog: not imported (this organisation does not curate the catalog: see CATALOG_ORGS)');
  }
}

async function importDevices(api: GatewayClient, plan: DemoFleetPlan, log: (line: string) => void): Promise<void> {
  const jobId = randomUUID();
  const started = Date.now();
  const job = importJobSchema.parse(
    await api.request('POST', `/api/v1/devices/imports?fileName=demo-fleet.csv&jobId=${jobId}`, demoDevicesCsv(plan.devices), { contentType: 'text/csv' }),
  );
  if (job.status !== 'done' || job.rowsRejected > 0) {
    const errors = await api.get<{ items: unknown[] }>(`/api/v1/devices/imports/${jobId}/errors?limit=5`);
    throw new Error(`the demo device import ${job.status}: ${job.error ?? ''} ${job.rowsRejected} row(s) rejected, e.g. ${JSON.stringify(errors.items)}`);
  }
  log(`devices: ${job.rowsInserted} inserted, ${job.rowsUpdated} updated, ${job.rowsUnchanged} unchanged in ${Date.now() - started} ms`);
}

/** The imported devices' ids, by site, for the heartbeat simulation. */
async function listFleet(api: GatewayClient, orgId: string, plan: DemoFleetPlan): Promise<Fleet> {
  const wanted = new Set(plan.devices.map((d) => `${d.vendor}/${d.serial}`));
  const listed = await api.all<{ id: string; vendor: string; serial: string; siteId: string | null }>(`/api/v1/devices?tag=${DEMO_TAG}&status=active,maintenance`);
  const bySite = new Map<string, string[]>();
  for (const d of listed) {
    if (!d.siteId || !wanted.has(`${d.vendor}/${d.serial}`)) continue;
    bySite.set(d.siteId, [...(bySite.get(d.siteId) ?? []), d.id]);
  }
  const found = [...bySite.values()].reduce((n, l) => n + l.length, 0);
  if (found !== plan.devices.length) throw new Error(`the inventory lists ${found} of the ${plan.devices.length} demo devices`);
  return { orgId, profile: DEMO_FLEET_PROFILE, sites: [...bySite].map(([siteId, devices]) => ({ siteId, devices })) };
}

/**
 * Waits for the lifecycle service to have every device (it learns them from device.registered), marks the demo's
 * failed sensors (run-to-failure items) and has the plan evaluated now rather than at the next event.
 */
async function settle(api: GatewayClient, plan: DemoFleetPlan, data: DemoData, timeoutMs: number, log: (line: string) => void): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const s = await api.get<{ devices: number }>('/api/v1/compliance/summary');
    if (s.devices >= plan.devices.length) break;
    if (Date.now() > deadline) {
      log(`lifecycle knows ${s.devices} of ${plan.devices.length} devices after ${timeoutMs / 1000}s; the plan will fill in as it catches up`);
      return;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  const sensors = plan.devices.filter((d) => d.type === 'sensor').slice(0, data.setup.failedSensors);
  for (const s of sensors) {
    const [d] = await api.get<{ items: { id: string }[] }>(`/api/v1/devices?q=${encodeURIComponent(s.serial)}&limit=1`).then((p) => p.items);
    if (d) await api.request('PUT', `/api/v1/devices/${encodeURIComponent(d.id)}/failure`, { failed: true });
  }
  await api.request('POST', '/api/v1/replacement-plan/evaluations');
}
