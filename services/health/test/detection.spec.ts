import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { expectEventually } from '@fleetward/platform/testing';
import { CollectingSink, EngineHarness } from './support/engine-harness.js';

describe('deadline detection (real NATS and Redis)', () => {
  const h = new EngineHarness({ stayUpMs: 600, siteMinDevices: 3 });
  const sink = new CollectingSink();

  beforeAll(async () => {
    await h.open();
    await h.startEngine(sink);
  });
  afterAll(() => h.close());

  it('publishes device.offline within one second of last seen + threshold', async () => {
    await h.register(['cam-t1'], 'site-t', 1000, 300);
    h.beat('site-t', ['cam-t1']);
    await expectEventually(async () =>
      expect((await h.engine().store.device(h.orgId, 'cam-t1'))?.state).toBe('online'),
    );
    const offline = await expectEventually(() => {
      const [t] = sink.of('device.offline', 'cam-t1');
      expect(t).toBeDefined();
      return t!;
    });
    const [lastSeen, threshold] = offline.extra.split('|').map(Number);
    expect(threshold).toBe(1000);
    const lateness = offline.at - (lastSeen! + threshold!);
    expect(lateness).toBeGreaterThanOrEqual(0);
    expect(lateness).toBeLessThan(1000);
  });

  it('goes late, then offline, and back online only after staying up', async () => {
    await h.register(['cam-h1'], 'site-h', 1200, 300);
    const store = h.engine().store;
    h.beat('site-h', ['cam-h1']);
    await expectEventually(async () => expect((await store.device(h.orgId, 'cam-h1'))?.state).toBe('online'));
    await expectEventually(async () => expect((await store.device(h.orgId, 'cam-h1'))?.state).toBe('late'));
    await expectEventually(() => expect(sink.of('device.offline', 'cam-h1')).toHaveLength(1));
    const stop = h.beatEvery('site-h', () => ['cam-h1'], 150);
    try {
      await expectEventually(async () => expect((await store.device(h.orgId, 'cam-h1'))?.recovering).toBe(true));
      const backAt = Date.now();
      expect(sink.of('device.online', 'cam-h1')).toHaveLength(0);
      await expectEventually(() => expect(sink.of('device.online', 'cam-h1')).toHaveLength(1));
      expect(Date.now() - backAt).toBeGreaterThanOrEqual(400);
      expect((await store.device(h.orgId, 'cam-h1'))?.state).toBe('online');
    } finally {
      stop();
    }
  });

  it('publishes device.degraded when a heartbeat reports faults, and device.restored when they clear', async () => {
    await h.register(['nvr-d1'], 'site-d', 2000, 500);
    h.beat('site-d', ['nvr-d1']);
    await expectEventually(async () =>
      expect((await h.engine().store.device(h.orgId, 'nvr-d1'))?.state).toBe('online'),
    );
    h.beat('site-d', ['nvr-d1'], ['recording-stopped']);
    const [t] = await expectEventually(() => {
      const found = sink.of('device.degraded', 'nvr-d1');
      expect(found).toHaveLength(1);
      return found;
    });
    expect(t!.extra).toBe('recording-stopped');
    expect((await h.engine().store.device(h.orgId, 'nvr-d1'))?.state).toBe('degraded');

    // the fault clears: one device.restored with what cleared and since when, and the device is online again
    h.beat('site-d', ['nvr-d1']);
    const [r] = await expectEventually(() => {
      const found = sink.of('device.restored', 'nvr-d1');
      expect(found).toHaveLength(1);
      return found;
    });
    const [cleared, since] = r!.extra.split('|');
    expect(cleared).toBe('recording-stopped');
    expect(Number(since)).toBe(t!.at);
    expect((await h.engine().store.device(h.orgId, 'nvr-d1'))?.state).toBe('online');
    h.beat('site-d', ['nvr-d1']);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(sink.of('device.restored', 'nvr-d1')).toHaveLength(1);
  });

  it('never alarms for a decommissioned device, nor for a device never seen', async () => {
    await h.register(['cam-gone', 'cam-new'], 'site-g', 800, 250);
    h.beat('site-g', ['cam-gone']);
    await expectEventually(async () =>
      expect((await h.engine().store.device(h.orgId, 'cam-gone'))?.state).toBe('online'),
    );
    await h.engine().store.forget(h.orgId, 'cam-gone', Date.now());
    h.beat('site-g', ['cam-gone']);
    await h.register(['cam-ref'], 'site-r', 800, 250);
    h.beat('site-r', ['cam-ref']);
    // cam-ref went silent after its heartbeat at the same moment: once it is offline, cam-gone would have been too
    await expectEventually(() => expect(sink.of('device.offline', 'cam-ref')).toHaveLength(1));
    expect(await h.engine().store.device(h.orgId, 'cam-gone')).toBeNull();
    expect(sink.seen.filter((t) => t.deviceId === 'cam-gone' || t.deviceId === 'cam-new')).toEqual([]);
    expect((await h.engine().store.device(h.orgId, 'cam-new'))?.state).toBe('never-seen');
  });
});
