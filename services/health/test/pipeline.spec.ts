import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Subscription } from '@nats-io/transport-node';
import {
  deviceDegradedV1,
  deviceOfflineV1,
  deviceOnlineV1,
  deviceRestoredV1,
  Subjects,
  type EventEnvelope,
} from '@fleetward/contracts';
import { fixtures } from '@fleetward/contracts/testing';
import { EventPublisher, NatsClient } from '@fleetward/platform';
import { ensureStreams, expectEventually, testDatabase, type TestDatabase } from '@fleetward/platform/testing';
import { ExpectedDevicesService } from '../src/devices/expected-devices.service.js';
import { DeviceDirectoryRepository } from '../src/directory/device-directory.repository.js';
import { SiteDirectoryRepository } from '../src/directory/site-directory.repository.js';
import { LivenessQueryService } from '../src/liveness/liveness-query.service.js';
import { migrations } from '../src/migrations/index.js';
import { transitionEventId } from '../src/transitions/event-id.js';
import { EventSink } from '../src/transitions/event-sink.js';
import { IntervalSink } from '../src/uptime/interval-sink.js';
import { StateIntervalRepository } from '../src/uptime/state-interval.repository.js';
import { UptimeService } from '../src/uptime/uptime.service.js';
import { EngineHarness, NATS_URL } from './support/engine-harness.js';

describe('from inventory events to published health events and uptime (real NATS, Redis, Postgres)', () => {
  const h = new EngineHarness({ stayUpMs: 0 });
  let db: TestDatabase;
  let nats: NatsClient;
  let sub: Subscription;
  const events: EventEnvelope[] = [];
  let devices: ExpectedDevicesService;
  let uptime: UptimeService;
  const caller = () => ({ caller: { orgId: h.orgId, role: 'viewer' as const, actor: 'test', correlationId: 'c' } });

  beforeAll(async () => {
    await ensureStreams();
    db = await testDatabase({ migrations });
    nats = await NatsClient.connect({ servers: NATS_URL, name: 'health-pipeline-test' });
    await h.open();
    const directory = new DeviceDirectoryRepository(db.dataSource);
    const sites = new SiteDirectoryRepository(db.dataSource);
    // An old name arriving after the new one (redelivery) must not win.
    const renamed = fixtures.siteUpdated({
      orgId: h.orgId,
      overrides: { id: 'site-1', path: ['site-1'], name: 'Lobby West' },
    });
    await sites.apply(renamed.data);
    await sites.apply(
      fixtures.siteCreated({
        orgId: h.orgId,
        overrides: {
          id: 'site-1',
          path: ['site-1'],
          name: 'Old lobby',
          updatedAt: new Date(Date.parse(renamed.data.updatedAt) - 60_000).toISOString(),
        },
      }).data,
    );
    const intervals = new StateIntervalRepository(db.dataSource);
    const engine = await h.startEngineWith([
      new IntervalSink(intervals),
      new EventSink(new EventPublisher(nats), directory, sites),
    ]);
    devices = new ExpectedDevicesService(directory, engine.store);
    uptime = new UptimeService(intervals, directory);
    sub = nats.nc.subscribe(Subjects.orgEvents(h.orgId), { callback: (_e, m) => events.push(m.json<EventEnvelope>()) });
    await nats.nc.flush();
  }, 60_000);

  afterAll(async () => {
    sub?.unsubscribe();
    await h.close();
    await nats?.drain();
    await db?.drop();
  });

  const register = (id: string, siteId: string) =>
    devices.applyBatch([
      fixtures.deviceRegistered({
        orgId: h.orgId,
        overrides: {
          id,
          siteId,
          sitePath: [siteId],
          name: `Camera ${id}`,
          effectiveOfflineThresholdSec: 1,
          effectiveHeartbeatIntervalSec: 1,
        },
      }),
    ]);

  it('publishes schema-valid device.offline / device.online with deterministic ids, and records the outage', async () => {
    const start = new Date();
    await register('cam-a', 'site-1');
    h.beat('site-1', ['cam-a']);
    const offline = await expectEventually(() => {
      const e = events.find((x) => x.type === 'device.offline');
      expect(e).toBeDefined();
      return deviceOfflineV1.envelope.parse(e);
    });
    expect(offline.data).toMatchObject({
      deviceId: 'cam-a',
      deviceName: 'Camera cam-a',
      siteId: 'site-1',
      siteName: 'Lobby West',
      thresholdSec: 1,
    });
    const at = Date.parse(offline.occurredAt);
    expect(offline.id).toBe(
      transitionEventId({ type: 'device.offline', orgId: h.orgId, deviceId: 'cam-a', siteId: 'site-1', at }),
    );

    h.beat('site-1', ['cam-a']);
    const online = await expectEventually(() => {
      const e = events.find((x) => x.type === 'device.online');
      expect(e).toBeDefined();
      return deviceOnlineV1.envelope.parse(e);
    });
    expect(online.data.offlineSince).toBe(offline.data.detectedAt);

    const to = new Date(Date.now() + 10);
    const history = await expectEventually(async () => {
      const r = await uptime.history(h.orgId, {
        ...caller(),
        deviceId: 'cam-a',
        from: start.toISOString(),
        to: to.toISOString(),
        limit: 10,
      });
      expect(r.items[0]?.endedAt).not.toBeNull();
      return r;
    });
    expect(history.items).toEqual([
      { cause: 'device', startedAt: offline.data.detectedAt, endedAt: online.data.seenAt },
    ]);

    const window = { ...caller(), deviceId: 'cam-a', from: start.toISOString(), to: to.toISOString() };
    const a = await uptime.availability(h.orgId, { ...window, exclude: [] });
    const outageSec = (Date.parse(online.data.seenAt) - Date.parse(offline.data.detectedAt)) / 1000;
    expect(a.offlineSec).toBeCloseTo(outageSec, 2);
    expect(a.availabilityPct!).toBeLessThan(100);
    const excluded = await uptime.availability(h.orgId, {
      ...window,
      exclude: [{ from: offline.data.detectedAt, to: online.data.seenAt }],
    });
    expect(excluded.availabilityPct).toBe(100);
  });

  it('forgets a decommissioned device: no alarm, no state', async () => {
    await register('cam-b', 'site-2');
    h.beat('site-2', ['cam-b']);
    const store = h.engine().store;
    await expectEventually(async () => expect((await store.device(h.orgId, 'cam-b'))?.state).toBe('online'));
    await devices.applyBatch([
      fixtures.deviceDecommissioned({
        orgId: h.orgId,
        overrides: { id: 'cam-b', siteId: 'site-2', sitePath: ['site-2'] },
      }),
    ]);
    // a replayed registration must not bring it back
    await register('cam-b', 'site-2');
    expect(await store.device(h.orgId, 'cam-b')).toBeNull();
    await register('cam-c', 'site-2');
    h.beat('site-2', ['cam-b', 'cam-c']);
    await expectEventually(() =>
      expect(events.filter((e) => (e.data as { deviceId?: string }).deviceId === 'cam-c')).toHaveLength(1),
    );
    expect(events.filter((e) => (e.data as { deviceId?: string }).deviceId === 'cam-b')).toEqual([]);
  });

  it('publishes device.degraded, then a schema-valid device.restored naming what cleared', async () => {
    await register('nvr-r', 'site-1');
    h.beat('site-1', ['nvr-r']);
    await expectEventually(async () => expect((await h.engine().store.device(h.orgId, 'nvr-r'))?.state).toBe('online'));
    h.beat('site-1', ['nvr-r'], ['storage-failure']);
    const degraded = await expectEventually(() => {
      const e = events.find(
        (x) => x.type === 'device.degraded' && (x.data as { deviceId: string }).deviceId === 'nvr-r',
      );
      expect(e).toBeDefined();
      return deviceDegradedV1.envelope.parse(e);
    });
    h.beat('site-1', ['nvr-r']);
    const restored = await expectEventually(() => {
      const e = events.find((x) => x.type === 'device.restored');
      expect(e).toBeDefined();
      return deviceRestoredV1.envelope.parse(e);
    });
    expect(restored.data).toMatchObject({
      deviceId: 'nvr-r',
      siteName: 'Lobby West',
      clearedFaults: ['storage-failure'],
      degradedSince: degraded.data.since,
    });
  });

  it('reads a page of devices at once, leaving out the ones it does not track', async () => {
    const liveness = new LivenessQueryService(h.engine().store);
    const many = await liveness.getMany(h.orgId, ['cam-c', 'no-such-device', 'cam-a', 'cam-b']);
    expect(many.map((d) => [d.deviceId, d.siteId])).toEqual([
      ['cam-c', 'site-2'],
      ['cam-a', 'site-1'],
    ]);
    expect(many[0]).toEqual(await liveness.get(h.orgId, 'cam-c'));
    await expect(liveness.get(h.orgId, 'cam-b')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('summarises the fleet per state and site', async () => {
    const summary = await new LivenessQueryService(h.engine().store).summary(h.orgId);
    expect(summary.total).toBe(3); // cam-a, cam-c, nvr-r (cam-b was decommissioned)
    expect(summary.sites.map((s) => s.siteId).sort()).toEqual(['site-1', 'site-2']);
  });
});
