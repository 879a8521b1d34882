import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { demoDevicesCsv } from '../src/demo/demo-csv.js';
import { loadDemoData } from '../src/demo/demo-data.js';
import { addMonths } from '../src/demo/demo-random.js';
import { DEMO_TAG, generateDemoFleet } from '../src/demo/demo-fleet.js';
import { classifyVersions } from '../src/demo/firmware-classes.js';
import { DEMO_FLEET_PROFILE, isCurrentDemoFleet, readFleet } from '../src/fleet.js';
// The demo files must be what the services accept: checked with their own parsers, not a copy of their rules.
import { parseFeed } from '../../../services/lifecycle/src/catalog/feed-parser.js';
import { mapHeader } from '../../../services/inventory/src/imports/csv-columns.js';
import { parseImportRow } from '../../../services/inventory/src/imports/import-row.js';

const data = loadDemoData();
const today = '2026-11-27';
const plan = generateDemoFleet(data, { devices: 240, sites: 12, seed: 1, today });
const count = <T>(xs: T[], key: (x: T) => string) =>
  xs.reduce<Record<string, number>>((acc, x) => ({ ...acc, [key(x)]: (acc[key(x)] ?? 0) + 1 }), {});

describe('demo data files', () => {
  it('the firmware feed is accepted whole by the lifecycle feed parser, with fictional CVE ids only', () => {
    const feed = parseFeed(data.feedJson, 'json');
    expect(feed.problems).toEqual([]);
    expect(feed.releases).toHaveLength(data.releases.length);
    const cves = feed.releases.flatMap((r) => r.cves.map((c) => c.id));
    expect(cves.length).toBeGreaterThan(5);
    for (const id of cves) expect(id).toMatch(/^CVE-2099-\d{4}$/);
    expect(feed.releases.some((r) => r.track === 'lts')).toBe(true);
    expect(feed.releases.some((r) => r.lineEndOfSupport && r.lineEndOfSupport < today)).toBe(true);
  });

  it('every catalogued model has releases in the feed, and feed models are known models', () => {
    const names = new Set(data.models.map((m) => `${m.vendor}/${m.model}`));
    for (const r of data.releases) for (const m of r.models) expect(names).toContain(`${r.vendor}/${m}`);
    for (const m of data.models) expect(classifyVersions(m, data.releases, today).length).toBeGreaterThan(0);
  });
});

describe('firmware states of the demo catalog', () => {
  const states = (model: string) =>
    Object.fromEntries(classifyVersions(data.models.find((m) => m.model === model)!, data.releases, today).map((c) => [c.version, c.state]));

  it('follows tracks: the newest of each track is current, releases before its last fix are vulnerable', () => {
    expect(states('P3265-LVE')).toMatchObject({
      '12.6.94': 'current', '12.5.56': 'behind', '12.4.59': 'behind', '12.2.62': 'vulnerable', '11.8.61': 'vulnerable',
      '10.12.270': 'current', '10.12.263': 'behind', '10.12.250': 'vulnerable',
    });
  });

  it('a line past its end of support, or a model past its own, is unsupported', () => {
    expect(states('Q6135-LE')).toMatchObject({ '9.80.3.11': 'unsupported', '10.12.270': 'current' });
    expect(new Set(Object.values(states('M3106-L Mk II')))).toEqual(new Set(['unsupported']));
    expect(states('Husky IVO 350R')['2023 R3']).toBe('unsupported');
    expect(new Set(Object.values(states('IE-3300-8P2S')))).toEqual(new Set(['unknown']));
  });
});

describe('generateDemoFleet', () => {
  it('is deterministic, and device i does not depend on the fleet size', () => {
    expect(generateDemoFleet(data, { devices: 240, sites: 12, seed: 1, today })).toEqual(plan);
    const small = generateDemoFleet(data, { devices: 40, sites: 12, seed: 1, today });
    expect(small.devices).toEqual(plan.devices.slice(0, 40));
    expect(generateDemoFleet(data, { devices: 40, sites: 12, seed: 2, today }).devices).not.toEqual(small.devices);
  });

  it('spreads devices over sites of three regions, each with coordinates, country and time zone', () => {
    expect(plan.sites).toHaveLength(12);
    expect(plan.regions.map((r) => r.code).sort()).toEqual(['AMER', 'APAC', 'EMEA']);
    for (const s of plan.sites) expect(s).toMatchObject({ country: expect.stringMatching(/^[A-Z]{2}$/), lat: expect.any(Number), lon: expect.any(Number), timezone: expect.any(String) });
    expect(Object.values(count(plan.devices, (d) => d.siteCode))).toEqual(Array(12).fill(20));
    const more = generateDemoFleet(data, { devices: 40, sites: 20, seed: 1, today });
    expect(new Set(more.sites.map((s) => s.code)).size).toBe(20);
    expect(new Set(more.sites.map((s) => s.id)).size).toBe(20);
  });

  it('mixes device types, vendors and firmware states like a real fleet', () => {
    const types = count(plan.devices, (d) => d.type);
    expect(Object.keys(types).sort()).toEqual(['access-controller', 'camera', 'intercom', 'network', 'reader', 'recorder', 'sensor']);
    expect(types['camera']!).toBeGreaterThan(80);
    expect(new Set(plan.devices.map((d) => d.vendor)).size).toBeGreaterThanOrEqual(7);
    const states = count(plan.devices, (d) => d.intended);
    expect(states['current']!).toBeGreaterThan(states['behind']!);
    for (const s of ['behind', 'vulnerable', 'unsupported', 'unknown']) expect(states[s]!).toBeGreaterThanOrEqual(8);
    expect(plan.devices.some((d) => d.tags.includes('lts'))).toBe(true);
  });

  it('dates purchases over seven years: some warranties expired, some ending within 90 days', () => {
    const months = new Map(data.models.map((m) => [m.model, m.warrantyMonths ?? 0]));
    const ends = plan.devices.map((d) => addMonths(d.purchaseDate, months.get(d.model)!));
    const in90 = addMonths(today, 3);
    expect(ends.filter((e) => e < today).length).toBeGreaterThan(40);
    expect(ends.filter((e) => e >= today && e <= in90).length).toBeGreaterThanOrEqual(8);
    expect(ends.filter((e) => e > in90).length).toBeGreaterThan(40);
    for (const d of plan.devices) {
      expect(d.purchaseDate >= addMonths(today, -7 * 12 - 1)).toBe(true);
      expect(d.installDate >= d.purchaseDate && d.installDate <= today).toBe(true);
    }
  });

  it('gives unique serials, MACs and IPs', () => {
    for (const key of ['serial', 'mac', 'ip'] as const) expect(new Set(plan.devices.map((d) => d[key])).size).toBe(240);
  });
});

describe('demoDevicesCsv', () => {
  it('is a file the inventory import accepts row by row, with the demo tag on every device', () => {
    const [header, ...rows] = parse(demoDevicesCsv(plan.devices)) as string[][];
    const { columns, missing } = mapHeader(header!);
    expect(missing).toEqual([]);
    expect(columns).not.toContain(null);
    expect(rows).toHaveLength(240);
    for (const row of rows) {
      const parsed = parseImportRow(Object.fromEntries(columns.map((c, i) => [c!, row[i]!])));
      expect(parsed).toHaveProperty('row');
      if ('row' in parsed) expect(parsed.row.tags).toContain(DEMO_TAG);
    }
  });

  it('quotes a value with a comma or a quote', () => {
    const csv = demoDevicesCsv([{ ...plan.devices[0]!, name: 'Gate "B", north' }]);
    expect(csv.split('\r\n')[1]).toContain('"Gate ""B"", north"');
  });
});

describe('fleet files', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'fleet-'));
  const file = (name: string, content: unknown) => {
    const p = path.join(dir, name);
    writeFileSync(p, JSON.stringify(content));
    return p;
  };

  it('an older fleet file still reads, but is not the current demo: it is registered again', async () => {
    const old = file('old.json', { orgId: 'demo', sites: [{ siteId: 'sim-s0', devices: ['d1'] }] });
    await expect(readFleet(old)).resolves.toMatchObject({ orgId: 'demo' });
    await expect(isCurrentDemoFleet(old, 'demo')).resolves.toBe(false);
    const current = file('new.json', { orgId: 'demo', profile: DEMO_FLEET_PROFILE, sites: [{ siteId: 'par-hq', devices: ['d1'] }] });
    await expect(isCurrentDemoFleet(current, 'demo')).resolves.toBe(true);
    await expect(isCurrentDemoFleet(current, 'other-org')).resolves.toBe(false);
    await expect(isCurrentDemoFleet(path.join(dir, 'missing.json'), 'demo')).resolves.toBe(false);
  });
});
