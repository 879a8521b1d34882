import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { expectEventually } from '@fleetward/platform/testing';
import { CollectingSink, EngineHarness } from './support/engine-harness.js';

/** Waits for the clock itself (the subject of these tests), polling rather than sleeping blindly. */
const clockPast = (t: number) =>
  expectEventually(() => expect(Date.now()).toBeGreaterThanOrEqual(t), { timeoutMs: 10_000 });
const ids = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}-${i}`);

describe('site roll-up, restarts and replicas (real NATS and Redis)', () => {
  let h: EngineHarness;
  beforeEach(async () => {
    h = new EngineHarness({ siteMinDevices: 3, siteShare: 0.8 });
    await h.open();
  });
  afterEach(() => h.close());

  it('collapses a site going dark into one site.unreachable, and reports site.recovered', async () => {
    const sink = new CollectingSink();
    await h.startEngine(sink);
    const dark = ids('dark', 10);
    const lit = ids('lit', 3);
    await h.register(dark, 'store-214', 1000, 300);
    await h.register(lit, 'store-215', 1000, 300);
    const stopLit = h.beatEvery('store-215', () => lit, 150);
    let stopDark = h.beatEvery('store-214', () => dark, 150);
    try {
      await expectEventually(async () =>
        expect((await h.engine().store.device(h.orgId, 'dark-9'))?.state).toBe('online'),
      );
      stopDark();
      const [site] = await expectEventually(() => {
        const found = sink.of('site.unreachable');
        expect(found).toHaveLength(1);
        return found;
      });
      expect(site!.siteId).toBe('store-214');
      // the event names the devices that crossed the share together; the rest join the outage silently
      const listed = site!.extra.split('|')[2]!.split(' ');
      expect(listed.length).toBeGreaterThanOrEqual(8);
      expect(listed.every((d) => dark.includes(d))).toBe(true);
      await expectEventually(async () => {
        for (const d of dark) expect((await h.engine().store.device(h.orgId, d))?.state).toBe('unreachable');
      });
      expect(sink.of('device.offline')).toEqual([]);

      stopDark = h.beatEvery('store-214', () => dark, 150);
      await expectEventually(() => expect(sink.of('site.recovered')).toHaveLength(1));
      await expectEventually(async () =>
        expect((await h.engine().store.device(h.orgId, 'dark-3'))?.state).toBe('online'),
      );
      expect(sink.seen.filter((t) => t.type.startsWith('device.'))).toEqual([]);
    } finally {
      stopDark();
      stopLit();
    }
  });

  it('declares nothing offline after a restart mid-stream, yet still detects a device that really stopped', async () => {
    const before = new CollectingSink();
    const first = await h.startEngine(before);
    const beating = ids('cam', 5);
    await h.register([...beating, 'cam-silent'], 'site-r', 1000, 300);
    h.beat('site-r', ['cam-silent']);
    const stop = h.beatEvery('site-r', () => beating, 150);
    try {
      await expectEventually(async () => expect((await first.store.device(h.orgId, 'cam-4'))?.state).toBe('online'));
      await h.stopEngine(first);
      const stoppedAt = Date.now();
      // down for longer than the threshold and the gap tolerance, heartbeats still flowing on NATS
      await clockPast(stoppedAt + 1500);
      const after = new CollectingSink();
      const restartedAt = Date.now();
      await h.startEngine(after);
      await expectEventually(() => expect(after.of('device.offline', 'cam-silent')).toHaveLength(1), {
        timeoutMs: 5000,
      });
      // the silent device waited a full threshold of flowing input after the restart
      expect(after.of('device.offline', 'cam-silent')[0]!.at).toBeGreaterThanOrEqual(restartedAt + 1000);
      await clockPast(restartedAt + 2500);
      expect(
        [...before.seen, ...after.seen].filter((t) => t.deviceId.startsWith('cam-') && t.deviceId !== 'cam-silent'),
      ).toEqual([]);
    } finally {
      stop();
    }
  });

  it('gives each transition exactly once with two replicas sharing the work', async () => {
    const sinks = [new CollectingSink(), new CollectingSink()];
    await h.startEngine(sinks[0]!);
    await h.startEngine(sinks[1]!);
    const devices = ids('rep', 20);
    // one device per site, so no roll-up hides a device.offline
    for (const d of devices) await h.register([d], `site-${d}`, 1000, 300);
    let alive = devices;
    const timer = setInterval(() => alive.forEach((d) => h.beat(`site-${d}`, [d])), 150);
    try {
      await expectEventually(async () =>
        expect((await h.engine().store.device(h.orgId, 'rep-19'))?.state).toBe('online'),
      );
      const stopped = devices.slice(0, 10);
      alive = devices.slice(10);
      const all = () => [...sinks[0]!.seen, ...sinks[1]!.seen];
      await expectEventually(() => expect(all().filter((t) => t.type === 'device.offline')).toHaveLength(10));
      alive = devices;
      await expectEventually(() => expect(all().filter((t) => t.type === 'device.online')).toHaveLength(10));
      await clockPast(Date.now() + 1200);
      const offline = all()
        .filter((t) => t.type === 'device.offline')
        .map((t) => t.deviceId);
      const online = all()
        .filter((t) => t.type === 'device.online')
        .map((t) => t.deviceId);
      expect(offline.sort()).toEqual([...stopped].sort());
      expect(online.sort()).toEqual([...stopped].sort());
      expect(sinks[0]!.seen.length + sinks[1]!.seen.length).toBe(20);
    } finally {
      clearInterval(timer);
    }
  });
});
