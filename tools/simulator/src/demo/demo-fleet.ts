import type { DeviceType, OwnerTeam } from '@fleetward/contracts';
import type { DemoData, DemoModel, DemoRegion, DemoSite } from './demo-data.js';
import { addDays, addMonths, deviceRandom, pickWeighted } from './demo-random.js';
import { classifyVersions, type IntendedState, type VersionChoice } from './firmware-classes.js';

export interface DemoDevice {
  vendor: string;
  model: string;
  type: DeviceType;
  name: string;
  serial: string;
  mac: string;
  ip: string;
  hostname: string;
  siteCode: string;
  firmwareVersion: string;
  intended: IntendedState;
  installDate: string;
  purchaseDate: string;
  cost: number;
  ownerTeam: OwnerTeam;
  tags: string[];
}

export interface DemoFleetPlan {
  regions: DemoRegion[];
  sites: DemoSite[];
  devices: DemoDevice[];
}

export interface DemoFleetOptions {
  devices: number;
  sites: number;
  seed: number;
  /** The registration day (YYYY-MM-DD): ages, warranties and support ends are relative to it. */
  today: string;
}

/** The tag every demo device carries; registration lists the devices by it. */
export const DEMO_TAG = 'demo-fleet';

/** Share of devices whose warranty ends within the next 90 days, so the warranty views are never empty. */
const EXPIRING_SOON_SHARE = 0.08;
const MAX_AGE_DAYS = 7 * 365;
/** The firmware spread asked of each model (a state the model cannot show falls back to current). */
const STATE_WEIGHTS: Record<Exclude<IntendedState, 'unknown'>, number> = { current: 45, behind: 25, vulnerable: 20, unsupported: 10 };

const PLACES: Record<DeviceType, string[]> = {
  camera: ['Lobby', 'Main entrance', 'Loading dock', 'Car park', 'Perimeter north', 'Perimeter south', 'Reception', 'Stairwell', 'Server room'],
  reader: ['Main entrance', 'Staff entrance', 'Server room door', 'Lift lobby', 'Loading dock door'],
  'access-controller': ['Main entrance', 'Server room', 'Staff entrance', 'Loading dock'],
  intercom: ['Visitor gate', 'Main entrance', 'Delivery gate'],
  recorder: ['Security room'],
  sensor: ['Server room', 'Battery room', 'Washroom corridor', 'Warehouse'],
  network: ['MDF', 'IDF', 'Security rack'],
  'gunshot-detector': ['Atrium'],
  other: ['Security room'],
};
const LABEL: Record<DeviceType, string> = {
  camera: 'camera', reader: 'reader', 'access-controller': 'door controller', intercom: 'intercom', recorder: 'NVR',
  sensor: 'sensor', network: 'PoE switch', 'gunshot-detector': 'gunshot detector', other: 'device',
};
const OUTDOOR = new Set(['Car park', 'Perimeter north', 'Perimeter south', 'Loading dock', 'Visitor gate', 'Delivery gate']);

/** The sites asked for: the first N of the demo list, then numbered annexes of those cities past its end. */
export function demoSites(all: readonly DemoSite[], n: number): DemoSite[] {
  return Array.from({ length: n }, (_, i) => {
    const base = all[i % all.length]!;
    const k = Math.floor(i / all.length);
    if (k === 0) return base;
    return { ...base, id: `${base.id}-${k + 1}`, code: `${base.code}-${k + 1}`, name: `${base.name} annex ${k + 1}`, lat: base.lat + 0.01 * k, lon: base.lon + 0.01 * k };
  });
}

const hex = (n: number) => (n & 0xff).toString(16).padStart(2, '0');

/** Deterministic: the same options give the same fleet; device i is the same device whatever the fleet size. */
export function generateDemoFleet(data: DemoData, o: DemoFleetOptions): DemoFleetPlan {
  const sites = demoSites(data.sites, o.sites);
  const regionIds = new Set(sites.map((s) => s.region));
  const versions = new Map<DemoModel, VersionChoice[]>(data.models.map((m) => [m, classifyVersions(m, data.releases, o.today)]));
  const counters = new Map<string, number>();
  const devices: DemoDevice[] = [];
  for (let i = 0; i < o.devices; i++) {
    const r = deviceRandom(o.seed, i);
    const site = sites[i % sites.length]!;
    const model = pickWeighted(data.models, (m) => m.weight, r());
    const place = PLACES[model.type][Math.floor(r() * PLACES[model.type].length)]!;
    const n = (counters.get(`${site.code}/${model.type}`) ?? 0) + 1;
    counters.set(`${site.code}/${model.type}`, n);
    const firmware = pickFirmware(versions.get(model)!, model, r);
    const { purchaseDate, installDate } = pickDates(model, o.today, r);
    const k = Math.floor(i / sites.length);
    const region = data.regions.find((g) => g.id === site.region)!;
    devices.push({
      vendor: model.vendor,
      model: model.model,
      type: model.type,
      name: `${site.code} ${place} ${LABEL[model.type]} ${n}`,
      serial: `${model.vendor.replace(/[^A-Za-z0-9]/g, '').slice(0, 2).toUpperCase()}D${String(i).padStart(6, '0')}`,
      // Locally administered (02:...) addresses: clearly not any vendor's.
      mac: `02:fd:${hex(i >> 16)}:${hex(i >> 8)}:${hex(i)}:${hex(data.models.indexOf(model))}`,
      ip: `10.${20 + ((i % sites.length) % 200)}.${Math.floor(k / 200) % 256}.${10 + (k % 200)}`,
      hostname: `${site.code.toLowerCase()}-${model.type.slice(0, 3)}-${String(n).padStart(3, '0')}`,
      siteCode: site.code,
      firmwareVersion: firmware.version,
      intended: firmware.state,
      installDate,
      purchaseDate,
      cost: Math.round(model.listPrice * (0.85 + r() * 0.2) * 100) / 100,
      ownerTeam: model.type === 'recorder' || model.type === 'network' ? 'it' : 'ot',
      tags: [DEMO_TAG, region.code.toLowerCase(), ...(OUTDOOR.has(place) ? ['outdoor'] : []), ...(firmware.track === 'lts' ? ['lts'] : [])],
    });
  }
  return { regions: data.regions.filter((g) => regionIds.has(g.id)), sites, devices };
}

function pickFirmware(choices: VersionChoice[], model: DemoModel, r: () => number): VersionChoice {
  const lts = choices.some((c) => c.track === 'lts' && c.state !== 'unsupported') && r() < model.ltsShare;
  const inTrack = choices.filter((c) => c.state === 'unsupported' || c.state === 'unknown' || (c.track === 'lts') === lts);
  const states = [...new Set(inTrack.map((c) => c.state))];
  const state = pickWeighted(states, (s) => (s === 'unknown' ? 1 : STATE_WEIGHTS[s]), r());
  const same = inTrack.filter((c) => c.state === state);
  return same[Math.floor(r() * same.length)]!;
}

/** Purchase over the last seven years (a share with a warranty ending within 90 days), installed days to weeks later. */
function pickDates(model: DemoModel, today: string, r: () => number): { purchaseDate: string; installDate: string } {
  const months = model.warrantyMonths ?? 36;
  let purchaseDate =
    r() < EXPIRING_SOON_SHARE ? addDays(addMonths(today, -months), 5 + r() * 80) : addDays(today, -(30 + r() * (MAX_AGE_DAYS - 30)));
  // Nobody buys a model after its end of sale.
  if (model.endOfSale?.status === 'known' && purchaseDate > model.endOfSale.date)
    purchaseDate = addDays(model.endOfSale.date, -(30 + r() * 700));
  const installDate = addDays(purchaseDate, 3 + r() * 40);
  return { purchaseDate, installDate: installDate > today ? today : installDate };
}
