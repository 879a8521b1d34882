import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createEvent, deviceRegisteredV1 } from '@fleetward/contracts';
import { ManualClock } from '@fleetward/platform/testing';
import { EvaluationService } from '../src/evaluation/evaluation.service.js';
import { lifecycleDb, type LifecycleDb } from './support/lifecycle-db.js';
import { setPolicy } from './support/plan-helpers.js';
import { replica } from './support/schedule-helpers.js';

const T0 = new Date('2026-06-15T10:00:00Z');
const at = (ms: number) => new Date(T0.getTime() + ms).toISOString();

/**
 * An organisation above the whole-at-once size (2,000 devices): a batch of device events re-evaluates the compliance
 * of its own devices at once; the plan (organisation-wide: the annual cap ties every device to the others) waits
 * until the changes pause, then runs once through the schedule.
 */
describe('evaluation of a large organisation after a batch of device events', () => {
  let l: LifecycleDb;
  let org: string;
  const clock = new ManualClock(T0.toISOString());

  beforeAll(async () => {
    l = await lifecycleDb();
    org = l.newOrg();
    await l.org(org, (m) => l.projection.upsertSites(m, org, [{ siteId: 'site', parentId: null, timezone: 'UTC' }]));
    await l.devices(
      org,
      Array.from({ length: 2_050 }, (_, i) => ({
        deviceId: `cam-${i}`,
        siteId: 'site',
        sitePath: ['site'],
        warrantyEnd: '2031-01-01',
      })),
    );
    await setPolicy(l, org, { kind: 'warranty-expiry', leadDays: 30 });
    await new EvaluationService(l.db.dataSource, clock).reevaluate(org);
  }, 120_000);
  afterAll(() => l.close());

  const itemsOf = (deviceId: string) =>
    l.org(
      org,
      (m) => m.query(`SELECT reason FROM replacement_item WHERE device_id = $1`, [deviceId]) as Promise<unknown[]>,
    );
  const complianceOf = (deviceId: string) =>
    l.org(
      org,
      (m) => m.query(`SELECT status FROM device_compliance WHERE device_id = $1`, [deviceId]) as Promise<unknown[]>,
    );

  it('applies the batch’s compliance at once and the plan once the changes have paused', async () => {
    clock.set(at(1_000));
    const registered = createEvent(deviceRegisteredV1, {
      orgId: org,
      source: 'inventory',
      data: {
        id: 'late-camera',
        orgId: org,
        siteId: 'site',
        sitePath: ['site'],
        vendor: 'Axis',
        model: 'P3265',
        modelId: null,
        type: 'camera',
        name: 'Late camera',
        serial: 'SN-late',
        mac: null,
        ip: null,
        hostname: null,
        firmwareVersion: '10.12.182',
        installDate: '2020-01-01',
        purchaseDate: null,
        cost: 800,
        warrantyEnd: '2026-06-01',
        ownerTeam: null,
        status: 'active',
        tags: [],
        heartbeatIntervalSec: null,
        offlineThresholdSec: null,
        effectiveHeartbeatIntervalSec: 60,
        effectiveOfflineThresholdSec: 300,
        createdAt: at(0),
        updatedAt: at(0),
        decommissionedAt: null,
      },
    });
    await new EvaluationService(l.db.dataSource, clock).applyBatch('test-consumer', [registered]);
    expect(await complianceOf('late-camera')).toHaveLength(1);
    expect(await itemsOf('late-camera')).toEqual([]);

    // Less than the pause since the change: nothing runs.
    clock.set(at(2_000));
    expect(await replica(l, clock).runDue()).toEqual([]);
    expect(await itemsOf('late-camera')).toEqual([]);

    // Changes paused for more than 2 s: one whole evaluation plans the warranty replacement.
    clock.set(at(3_500));
    expect(await replica(l, clock).runDue()).toMatchObject([{ orgId: org, outcome: 'ok' }]);
    expect(await itemsOf('late-camera')).toEqual([{ reason: 'warranty-expiry' }]);
    expect(await replica(l, clock).runDue()).toEqual([]);
  }, 60_000);
});
