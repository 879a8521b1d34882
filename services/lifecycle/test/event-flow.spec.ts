import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  createEvent,
  deviceOfflineV1,
  deviceRegisteredV1,
  siteCreatedV1,
  warrantyExpiredV1,
  type DeviceState,
  type EventEnvelope,
} from '@fleetward/contracts';
import { EvaluationService } from '../src/evaluation/evaluation.service.js';
import { PlanService } from '../src/plan/plan.service.js';
import { lifecycleDb, type LifecycleDb } from './support/lifecycle-db.js';
import { setPolicy } from './support/plan-helpers.js';

const NOW = new Date('2026-06-15T12:00:00Z');

function device(org: string, id: string, over: Partial<DeviceState> = {}): DeviceState {
  return {
    id,
    orgId: org,
    siteId: 'hq',
    sitePath: ['hq'],
    vendor: 'Axis',
    model: 'P3265',
    modelId: null,
    type: 'camera',
    name: `Camera ${id}`,
    serial: `SN-${id}`,
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
    createdAt: '2020-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    decommissionedAt: null,
    ...over,
  };
}

describe('events in, plan and outgoing events out (real Postgres, outbox, inbox)', () => {
  let l: LifecycleDb;
  let service: EvaluationService;
  let plans: PlanService;
  let org: string;
  let batch: EventEnvelope[];

  const snapshot = () =>
    l.org(org, async (m) => ({
      items: await m.query(
        `SELECT device_id, reason, due_date::text, state, estimated_cost::text FROM replacement_item ORDER BY device_id`,
      ),
      audit: (await m.query(`SELECT count(*)::int AS n FROM replacement_item_audit`))[0].n,
      outbox: await l.db.ownerDataSource.query(
        `SELECT subject, payload->>'type' AS type FROM outbox ORDER BY subject, created_at`,
      ),
      devices: await m.query(`SELECT device_id, offline_since FROM device ORDER BY device_id`),
    }));

  beforeAll(async () => {
    l = await lifecycleDb();
    service = new EvaluationService(l.db.dataSource);
    plans = new PlanService(l.db.dataSource);
    org = l.newOrg();
    await l.releases([
      { version: '11.0.0', releaseDate: '2026-01-01', cves: [{ id: 'CVE-2026-0042', severity: 'high' }] },
    ]);
    await setPolicy(l, org, { kind: 'warranty-expiry', leadDays: 30 });
    const site = {
      id: 'hq',
      orgId: org,
      parentId: null,
      path: ['hq'],
      name: 'HQ',
      code: 'HQ',
      kind: null,
      address: null,
      country: null,
      lat: null,
      lon: null,
      timezone: 'Europe/Paris',
      tags: [],
      createdAt: NOW.toISOString(),
      updatedAt: NOW.toISOString(),
    };
    batch = [
      createEvent(siteCreatedV1, { orgId: org, source: 'inventory', data: site }),
      createEvent(deviceRegisteredV1, { orgId: org, source: 'inventory', data: device(org, 'cam-1') }),
      createEvent(deviceRegisteredV1, {
        orgId: org,
        source: 'inventory',
        data: device(org, 'cam-2', { warrantyEnd: '2029-01-01', firmwareVersion: '11.0.0' }),
      }),
      createEvent(deviceOfflineV1, {
        orgId: org,
        source: 'health',
        data: {
          orgId: org,
          siteId: 'hq',
          siteName: 'HQ',
          sitePath: ['hq'],
          deviceId: 'cam-2',
          deviceName: 'Camera cam-2',
          type: 'camera',
          tags: [],
          lastSeenAt: null,
          thresholdSec: 300,
          detectedAt: '2026-06-10T00:00:00.000Z',
        },
      }),
      createEvent(warrantyExpiredV1, {
        orgId: org,
        source: 'inventory',
        data: {
          orgId: org,
          device: {
            id: 'cam-1',
            name: 'Camera cam-1',
            type: 'camera',
            vendor: 'Axis',
            model: 'P3265',
            serial: 'SN-cam-1',
            firmwareVersion: '10.12.182',
            siteId: 'hq',
            sitePath: ['hq'],
            ownerTeam: null,
            tags: [],
          },
          warrantyEnd: '2026-06-01',
        },
      }),
    ];
  });
  afterAll(() => l.close());

  it('projects the events, plans the replacement and announces it and the non-compliance through the outbox', async () => {
    await service.applyBatch('test-consumer', batch, NOW);
    const s = await snapshot();
    expect(s.items).toEqual([
      {
        device_id: 'cam-1',
        reason: 'warranty-expiry',
        due_date: '2026-06-01',
        state: 'proposed',
        estimated_cost: '800.00',
      },
    ]);
    expect(s.outbox.map((o: { type: string }) => o.type).sort()).toEqual([
      'device.firmware-noncompliant',
      'replacement.due',
    ]);
    expect(s.outbox.every((o: { subject: string }) => o.subject.startsWith(`fleet.evt.${org}.`))).toBe(true);
    expect(s.devices.find((d: { device_id: string }) => d.device_id === 'cam-2').offline_since).not.toBeNull();
  });

  it('leaves the plan, audit and outbox unchanged when the same events are delivered again', async () => {
    const before = await snapshot();
    await service.applyBatch('test-consumer', batch, new Date(NOW.getTime() + 60_000));
    await service.applyBatch('test-consumer', [...batch].reverse(), new Date(NOW.getTime() + 120_000));
    expect(await snapshot()).toEqual(before);
  });

  it('moves an item through its states with an audit row per change, and refuses illegal moves', async () => {
    const [item] = await plans.list(org, { limit: 10 });
    expect((await plans.list(org, { deviceId: 'cam-1', limit: 10 })).map((i) => i.id)).toEqual([item!.id]);
    expect(await plans.list(org, { deviceId: 'cam-2', limit: 10 })).toEqual([]);
    await plans.move(org, { itemId: item!.id, to: 'approved', actor: 'user:ann' });
    await expect(
      plans.move(org, { itemId: item!.id, to: 'replaced', actor: 'user:ann', replacedByDeviceId: 'cam-9' }),
    ).rejects.toMatchObject({
      reason: 'REPLACEMENT_ITEM_BAD_TRANSITION',
    });
    await plans.move(org, { itemId: item!.id, to: 'ordered', actor: 'user:bob' });
    await expect(plans.move(org, { itemId: item!.id, to: 'replaced', actor: 'user:bob' })).rejects.toMatchObject({
      reason: 'REPLACEMENT_NEW_DEVICE_REQUIRED',
    });
    const done = await plans.move(org, {
      itemId: item!.id,
      to: 'replaced',
      actor: 'user:bob',
      replacedByDeviceId: 'cam-9',
    });
    expect(done).toMatchObject({ state: 'replaced', replacedByDeviceId: 'cam-9' });
    const { audit } = await plans.get(org, item!.id);
    expect(audit.map((a) => [a.fromState, a.toState, a.actor])).toEqual([
      [null, 'proposed', 'system'],
      ['proposed', 'approved', 'user:ann'],
      ['approved', 'ordered', 'user:bob'],
      ['ordered', 'replaced', 'user:bob'],
    ]);
    await expect(l.db.dataSource.query(`UPDATE replacement_item_audit SET actor = 'x'`)).rejects.toThrow();
  });

  it('re-evaluation after a replacement keeps the replaced item as it is', async () => {
    const before = (await snapshot()).items;
    await service.reevaluate(org, new Date(NOW.getTime() + 3_600_000));
    expect((await snapshot()).items).toEqual(before);
  });
});
