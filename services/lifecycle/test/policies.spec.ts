import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ModelCostRepository } from '../src/plan/model-cost.repository.js';
import { lifecycleDb, type LifecycleDb } from './support/lifecycle-db.js';
import { evaluate, planOf, scheduleOf, setPolicy } from './support/plan-helpers.js';

const day = 86_400_000;
const NOW = new Date('2026-06-15T12:00:00Z');
const ago = (days: number) => new Date(NOW.getTime() - days * day);

describe('replacement policies on hand-built fleets (real Postgres)', () => {
  let l: LifecycleDb;
  beforeAll(async () => {
    l = await lifecycleDb();
  });
  afterAll(() => l.close());

  it('warranty-expiry: in the plan from lead time before the warranty ends; unknown warranty never', async () => {
    const org = l.newOrg();
    await setPolicy(l, org, { kind: 'warranty-expiry', leadDays: 30 });
    await l.devices(org, [
      { deviceId: 'soon', warrantyEnd: '2026-07-10', cost: 900 },
      { deviceId: 'later', warrantyEnd: '2026-08-01' },
      { deviceId: 'expired', warrantyEnd: '2026-06-01' },
      { deviceId: 'unknown', warrantyEnd: null },
    ]);
    const changes = await evaluate(l, org, NOW);
    expect(changes.map((c) => c.deviceId).sort()).toEqual(['expired', 'soon']);
    expect(changes.every((c) => c.announce)).toBe(true);
    expect(await planOf(l, org)).toEqual({
      expired: { reason: 'warranty-expiry', due: '2026-06-01', state: 'proposed' },
      soon: { reason: 'warranty-expiry', due: '2026-07-10', state: 'proposed' },
    });
    expect(changes.find((c) => c.deviceId === 'soon')!.estimatedCost).toBe('900.00');
  });

  it('estimates cost from the device, else the model default of the organisation', async () => {
    const org = l.newOrg();
    await setPolicy(l, org, { kind: 'warranty-expiry', leadDays: 30 });
    await l.org(org, (m) =>
      new ModelCostRepository().set(m, org, [{ vendor: 'AXIS', model: 'p3265', defaultCost: 450 }]),
    );
    await l.devices(org, [
      { deviceId: 'own', warrantyEnd: '2026-06-01', cost: 900 },
      { deviceId: 'model', warrantyEnd: '2026-06-01' },
      { deviceId: 'none', warrantyEnd: '2026-06-01', model: 'Q1700' },
    ]);
    const costs = Object.fromEntries((await evaluate(l, org, NOW)).map((c) => [c.deviceId, c.estimatedCost]));
    expect(costs).toEqual({ own: '900.00', model: '450.00', none: null });
  });

  it('age: leap-day installs age to Feb 28, and "today" is the site\'s local date', async () => {
    const org = l.newOrg();
    await setPolicy(l, org, { kind: 'age', ageYears: 2, leadDays: 0 });
    await l.org(org, async (m) => {
      await l.projection.upsertSite(m, org, { siteId: 'tokyo', parentId: null, timezone: 'Asia/Tokyo' });
      await l.projection.upsertSite(m, org, { siteId: 'nyc', parentId: null, timezone: 'America/New_York' });
    });
    await l.devices(org, [
      { deviceId: 'tokyo', siteId: 'tokyo', installDate: '2024-02-29' },
      { deviceId: 'nyc', siteId: 'nyc', installDate: '2024-02-29' },
      { deviceId: 'no-date', siteId: 'tokyo', installDate: null },
    ]);
    // 2026-02-27T20:00Z: Feb 28 in Tokyo (due), still Feb 27 in New York (not yet).
    const asOf = new Date('2026-02-27T20:00:00Z');
    await evaluate(l, org, asOf);
    expect(await planOf(l, org)).toEqual({ tokyo: { reason: 'age', due: '2026-02-28', state: 'proposed' } });
    const s = await scheduleOf(l, org, asOf);
    expect(s.map((x) => [x.deviceId, x.dueDate])).toEqual([
      ['nyc', '2026-02-28'],
      ['tokyo', '2026-02-28'],
    ]);
  });

  it('run-to-failure: long device outages and marked failures count; short and site-wide outages do not', async () => {
    const org = l.newOrg();
    await setPolicy(l, org, { kind: 'run-to-failure', offlineDays: 7, leadDays: 14 });
    await l.org(org, async (m) => {
      for (const siteId of ['ok', 'down', 'back'])
        await l.projection.upsertSite(m, org, { siteId, parentId: null, timezone: 'UTC' });
    });
    await l.devices(
      org,
      [
        { deviceId: 'long', siteId: 'ok' },
        { deviceId: 'short', siteId: 'ok' },
        { deviceId: 'flapping', siteId: 'ok' },
        { deviceId: 'site-down', siteId: 'down' },
        { deviceId: 'site-back', siteId: 'back' },
        { deviceId: 'marked', siteId: 'ok', failed: true },
        { deviceId: 'fine', siteId: 'ok' },
      ],
      ago(30),
    );
    await l.org(org, async (m) => {
      const p = l.projection;
      await p.deviceOffline(m, org, 'long', ago(10));
      await p.deviceOffline(m, org, 'short', ago(3));
      await p.deviceOffline(m, org, 'flapping', ago(12));
      await p.deviceOnline(m, org, 'flapping', ago(9));
      await p.deviceOffline(m, org, 'flapping', ago(2));
      await p.siteUnreachable(m, org, 'down', ago(20));
      await p.deviceOffline(m, org, 'site-down', ago(20));
      await p.siteUnreachable(m, org, 'back', ago(15));
      await p.deviceOffline(m, org, 'site-back', ago(15));
      await p.siteRecovered(m, org, 'back', ago(4), ['site-back']);
    });
    await evaluate(l, org, NOW);
    const plan = await planOf(l, org);
    expect(Object.keys(plan).sort()).toEqual(['long', 'marked']);
    expect(plan['long']).toEqual({ reason: 'run-to-failure', due: '2026-06-12', state: 'proposed' });
    const [outages] = await l.org(org, (m) =>
      m.query(`SELECT count(*) FILTER (WHERE site_wide)::int AS site_wide, count(*)::int AS n FROM device_outage`),
    );
    expect(outages).toEqual({ site_wide: 2, n: 6 });
  });

  it('run-to-failure: a device back online leaves the plan, and returns to it without a second announcement', async () => {
    const org = l.newOrg();
    await setPolicy(l, org, { kind: 'run-to-failure', offlineDays: 7, leadDays: 0 });
    await l.devices(org, [{ deviceId: 'cam' }], ago(60));
    await l.org(org, (m) => l.projection.deviceOffline(m, org, 'cam', ago(20)));
    expect((await evaluate(l, org, ago(10))).map((c) => c.announce)).toEqual([true]);
    await l.org(org, (m) => l.projection.deviceOnline(m, org, 'cam', ago(9)));
    await evaluate(l, org, ago(9));
    expect(await planOf(l, org)).toEqual({ cam: { reason: 'run-to-failure', due: '2026-06-02', state: 'dismissed' } });
    await l.org(org, (m) => l.projection.deviceOffline(m, org, 'cam', ago(8)));
    const back = await evaluate(l, org, NOW);
    expect(back.map((c) => [c.dueDate, c.announce])).toEqual([['2026-06-14', false]]);
    const audit = await l.org(org, (m) =>
      m.query(`SELECT from_state, to_state, reason FROM replacement_item_audit ORDER BY id`),
    );
    expect(audit).toEqual([
      { from_state: null, to_state: 'proposed', reason: null },
      { from_state: 'proposed', to_state: 'dismissed', reason: 'condition-cleared' },
      { from_state: 'dismissed', to_state: 'proposed', reason: 'condition-returned' },
    ]);
  });

  it('firmware-support-end: the earlier of model and line end of support', async () => {
    const org = l.newOrg();
    await l.releases([
      {
        vendor: 'Bosch',
        models: ['FLEXIDOME 5100i'],
        version: '7.80.0128',
        releaseDate: '2022-01-01',
        lineEndOfSupport: '2026-08-01',
      },
    ]);
    await l.db.dataSource.query(
      `INSERT INTO firmware_model_support (vendor_key, model_key, end_of_support) VALUES ('bosch', 'dinion 4000', '2026-09-10')`,
    );
    await setPolicy(l, org, { kind: 'firmware-support-end', leadDays: 90 });
    await l.devices(org, [
      { deviceId: 'line', vendor: 'Bosch', model: 'FLEXIDOME 5100i', firmwareVersion: '7.80.0128' },
      { deviceId: 'model', vendor: 'Bosch', model: 'DINION 4000', firmwareVersion: '9.1' },
      { deviceId: 'unknown', vendor: 'Bosch', model: 'other', firmwareVersion: '1.0' },
    ]);
    await evaluate(l, org, NOW);
    expect(await planOf(l, org)).toEqual({
      line: { reason: 'firmware-support-end', due: '2026-08-01', state: 'proposed' },
      model: { reason: 'firmware-support-end', due: '2026-09-10', state: 'proposed' },
    });
  });

  it('overrides: the deepest site of the subtree wins, then the device type', async () => {
    const org = l.newOrg();
    await l.org(org, async (m) => {
      await l.projection.upsertSite(m, org, { siteId: 'plant', parentId: null, timezone: 'UTC' });
      await l.projection.upsertSite(m, org, { siteId: 'hall', parentId: 'plant', timezone: 'UTC' });
    });
    await setPolicy(l, org, { kind: 'warranty-expiry', leadDays: 0 });
    await setPolicy(l, org, { kind: 'age', deviceType: 'nvr', ageYears: 1, leadDays: 0 });
    await setPolicy(l, org, { kind: 'run-to-failure', siteId: 'plant', offlineDays: 5, leadDays: 0 });
    const old = { warrantyEnd: '2026-01-01', installDate: '2020-01-01' };
    await l.devices(org, [
      { deviceId: 'cam-hq', ...old },
      { deviceId: 'nvr-hq', type: 'nvr', ...old },
      { deviceId: 'cam-hall', siteId: 'hall', ...old },
      { deviceId: 'nvr-hall', siteId: 'hall', type: 'nvr', ...old },
    ]);
    await evaluate(l, org, NOW);
    const plan = await planOf(l, org);
    expect(Object.fromEntries(Object.entries(plan).map(([k, v]) => [k, v.reason]))).toEqual({
      'cam-hq': 'warranty-expiry',
      'nvr-hq': 'age',
    });
    await setPolicy(l, org, { kind: 'age', siteId: 'plant', deviceType: 'nvr', ageYears: 3, leadDays: 0 });
    await evaluate(l, org, NOW);
    expect((await planOf(l, org))['nvr-hall']).toEqual({ reason: 'age', due: '2023-01-01', state: 'proposed' });
  });

  it('annual cap: at most N% of the fleet per year, failed and vulnerable first, backlog carried over', async () => {
    const org = l.newOrg();
    await l.releases([
      {
        version: '20.1.0',
        models: ['M1'],
        releaseDate: '2026-01-01',
        cves: [{ id: 'CVE-2026-9999', severity: 'high' }],
      },
    ]);
    await setPolicy(l, org, { kind: 'warranty-expiry', leadDays: 30, annualCapPct: 20 });
    const fleet = Array.from({ length: 10 }, (_, i) => ({ deviceId: `d${i}`, warrantyEnd: '2031-01-01' }));
    await l.devices(org, [
      ...fleet.slice(6),
      { deviceId: 'd0', warrantyEnd: '2026-01-01' },
      { deviceId: 'd1', warrantyEnd: '2026-02-01' },
      { deviceId: 'd2', warrantyEnd: '2026-03-01' },
      { deviceId: 'd3', warrantyEnd: '2026-04-01', model: 'M1', firmwareVersion: '19.0' },
      { deviceId: 'd4', warrantyEnd: '2026-05-01', failed: true },
      { deviceId: 'd5', warrantyEnd: '2027-06-01' },
    ]);
    await evaluate(l, org, NOW);
    const due = Object.fromEntries((await scheduleOf(l, org, NOW)).map((s) => [s.deviceId, s.dueDate]));
    // 10 devices x 20% = 2 a year. 2026: the failed d4 and the vulnerable d3; 2027: the oldest backlog d0, d1;
    // 2028: d2 and d5 (due mid-2027 but the year is full); 2031: four warranties end, two are pushed to 2032.
    expect(due).toEqual({
      d4: '2026-05-01',
      d3: '2026-04-01',
      d0: '2027-01-01',
      d1: '2027-01-01',
      d2: '2028-01-01',
      d5: '2028-01-01',
      d6: '2031-01-01',
      d7: '2031-01-01',
      d8: '2032-01-01',
      d9: '2032-01-01',
    });
    expect(Object.keys(await planOf(l, org)).sort()).toEqual(['d3', 'd4']);
  });
});
