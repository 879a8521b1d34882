import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { expectEventually } from '@fleetward/platform/testing';
import { CollectingSink, EngineHarness } from './support/engine-harness.js';

/** The restore script on its own (shared Redis, this test's key prefix only): idempotent, never downgrades. */
describe('restoring devices into the Redis state', () => {
  let h: EngineHarness;
  beforeEach(async () => {
    h = new EngineHarness();
    await h.open();
  });
  afterEach(() => h.close());

  it('leaves a device already tracked alone, restores the others once, and keeps the site counts right', async () => {
    const engine = await h.startEngine(new CollectingSink());
    await h.register(['known'], 'site-1', 60_000);
    h.beat('site-1', ['known']);
    await expectEventually(async () => expect((await engine.store.device(h.orgId, 'known'))?.state).toBe('online'));
    const restore = (ids: string[]) =>
      engine.epoch.restore(
        h.orgId,
        Date.now(),
        ids.map((deviceId) => ({
          deviceId,
          siteId: 'site-1',
          thresholdMs: 60_000,
          intervalMs: 20_000,
          offlineSince: 0,
        })),
        2,
      );
    const all = ['known', 'a', 'b', 'c', 'd'];
    const restoredAt = Date.now();
    expect(await restore(all)).toBe(4);
    expect(await restore(all)).toBe(0);
    const states = await engine.store.devices(h.orgId, all);
    expect(states.map((d) => [d.deviceId, d.state, d.reason])).toEqual([
      ['known', 'online', null],
      ...['a', 'b', 'c', 'd'].map((id) => [id, 'unknown', 'state-lost']),
    ]);
    // a restored device has its deadline one full threshold out, not now
    expect(Number(await h.redis.zscore(`${h.prefix}:${h.orgId}:dl`, 'a'))).toBeGreaterThanOrEqual(restoredAt + 60_000);
    const [site] = [...(await engine.store.sites(h.orgId)).keys()];
    expect(await h.redis.hget(`${h.prefix}:${h.orgId}:site:${site}`, 'n')).toBe('5');
  });
});
