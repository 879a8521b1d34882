import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ForecastRepository } from '../src/forecast/forecast.repository.js';
import { lifecycleDb, type LifecycleDb } from './support/lifecycle-db.js';
import { setPolicy } from './support/plan-helpers.js';

const forecasts = new ForecastRepository();
const NOW = new Date('2026-06-15T12:00:00Z');
const day = 86_400_000;
const ago = (d: number) => new Date(NOW.getTime() - d * day);

describe('replacement forecast per quarter, policies side by side (real Postgres)', () => {
  let l: LifecycleDb;
  let org: string;
  beforeAll(async () => {
    l = await lifecycleDb();
    org = l.newOrg();
    await setPolicy(l, org, { kind: 'warranty-expiry', leadDays: 30 });
    await l.org(org, (m) => l.projection.upsertSites(m, org, [{ siteId: 'hq', parentId: null, timezone: 'UTC' }]));
    await l.devices(
      org,
      [
        { deviceId: 'a', siteId: 'hq', warrantyEnd: '2026-07-01', cost: 1000, installDate: '2019-01-01' },
        { deviceId: 'b', siteId: 'hq', warrantyEnd: '2026-08-01', cost: 500, installDate: '2025-01-01' },
        { deviceId: 'c', siteId: 'hq', warrantyEnd: '2027-02-01', type: 'recorder', cost: 4000 },
        { deviceId: 'd', siteId: 'hq', warrantyEnd: '2025-01-01', cost: 100 },
        ...['e', 'f', 'g', 'h', 'i', 'j'].map((deviceId) => ({
          deviceId,
          siteId: 'hq',
          warrantyEnd: '2030-01-01',
          cost: 200,
        })),
      ],
      ago(400),
    );
    await l.org(org, async (m) => {
      await l.projection.deviceOffline(m, org, 'e', ago(100));
      await l.projection.deviceOnline(m, org, 'e', ago(90));
      await l.projection.deviceOffline(m, org, 'f', ago(50));
      await l.projection.deviceOnline(m, org, 'f', ago(48));
      await l.projection.siteUnreachable(m, org, 'hq', ago(30));
      await l.projection.deviceOffline(m, org, 'g', ago(30));
      await l.projection.deviceOnline(m, org, 'g', ago(10));
      await l.projection.siteRecovered(m, org, 'hq', ago(10));
    });
  });
  afterAll(() => l.close());

  it('counts and costs dated replacements per quarter under the organisation policy', async () => {
    const rows = await l.org(org, (m) => forecasts.forecast(m, org, NOW, 2, ['reason']));
    const own = rows.filter((r) => r.policy === 'organisation');
    expect(own.map((r) => [r.quarterStart, r.reason, r.devices, r.cost])).toEqual([
      ['2026-04-01', 'warranty-expiry', 1, 100],
      ['2026-07-01', 'warranty-expiry', 2, 1500],
      ['2027-01-01', 'warranty-expiry', 1, 4000],
    ]);
  });

  it('puts run-to-failure beside it with failures expected from the observed long, non-site outages', async () => {
    const rows = await l.org(org, (m) => forecasts.forecast(m, org, NOW, 2, []));
    const rtf = rows.filter((r) => r.policy === 'run-to-failure');
    // One qualifying failure (e: 10 days) in a year over 10 devices -> 0.1 a device-year -> 0.25 a quarter, each
    // 7 days to be declared failed + 90 days lead time offline; fleet cost 6,800 / 10 devices x 0.25 = 170
    // (g's outage was site-wide, f's short).
    expect(rtf).toHaveLength(8);
    expect(rtf[0]).toMatchObject({ quarterStart: '2026-04-01', devices: 0.25, cost: 170, expectedOfflineDays: 24.3 });
    const age = rows.filter((r) => r.policy === 'age');
    expect(age.map((r) => [r.quarterStart, r.devices])).toEqual([['2026-04-01', 1]]);
    // No end of support is known for these models: that policy would replace nothing.
    expect(rows.filter((r) => r.policy === 'firmware-support-end')).toEqual([]);
    expect(new Set(rows.map((r) => r.policy))).toEqual(
      new Set(['organisation', 'warranty-expiry', 'run-to-failure', 'age']),
    );
  });
});
