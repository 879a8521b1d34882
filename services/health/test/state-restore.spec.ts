import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { expectEventually } from '@fleetward/platform/testing';
import { register } from 'prom-client';
import { StateEpochStore, type RestoredDevice } from '../src/engine/state-epoch.store.js';
import { StateRebuilder } from '../src/rebuild/state-rebuilder.js';
import { CollectingSink, EngineHarness } from './support/engine-harness.js';

const metric = async (name: string, labels: Record<string, string> = {}) => {
  const values = (await register.getSingleMetric(name)?.get())?.values ?? [];
  const found = values.find((v) => Object.entries(labels).every(([k, x]) => v.labels[k] === x));
  return found?.value ?? 0;
};

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

  it('says rebuilding in readiness and metrics while it runs, then counts it and seals the state', async () => {
    // no engine here: its own rebuilder could seal the state first; a state never sealed is a lost one
    const epoch = new StateEpochStore(h.redis, h.prefix, h.options.stateBuckets);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const device: RestoredDevice = {
      deviceId: 'x',
      siteId: 's',
      thresholdMs: 60_000,
      intervalMs: 20_000,
      offlineSince: 0,
    };
    const source = {
      orgs: async () => [h.orgId],
      page: async (_org: string, after: string) => (await gate, after ? [] : [device]),
    };
    const options = { pageSize: 10, lockTtlMs: 30_000, retryMs: 5_000, bootWaitMs: 0 };
    const rebuilder = new StateRebuilder(epoch, source, options);
    const otherReplica = new StateRebuilder(epoch, { orgs: async () => [], page: async () => [] }, options);
    const done = await metric('fleetward_health_state_rebuilds_total', { outcome: 'done' });
    await rebuilder.check();
    await expect(rebuilder.readiness()).rejects.toThrow(/^rebuilding/);
    // another replica sees the lock and says the same
    await expect(otherReplica.readiness()).rejects.toThrow(/^rebuilding/);
    try {
      await expectEventually(async () => expect(await metric('fleetward_health_state_rebuilding')).toBe(1));
    } finally {
      release();
    }
    await rebuilder.idle();
    expect(rebuilder.last).toMatchObject({ outcome: 'done', restored: 1, orgs: 1 });
    await rebuilder.readiness();
    expect(await metric('fleetward_health_state_rebuilding')).toBe(0);
    expect(await metric('fleetward_health_state_rebuilds_total', { outcome: 'done' })).toBe(done + 1);
    expect(await epoch.sealed()).toBe(true);
  });

  it('reports a rebuild that cannot read the directory, lets go of the lock, and tries again later', async () => {
    // no engine here: its own rebuilder would seal the state meanwhile
    const epoch = new StateEpochStore(h.redis, h.prefix, h.options.stateBuckets);
    let reads = 0;
    const source = {
      orgs: async () => {
        reads++;
        throw new Error('directory unreachable');
      },
      page: async () => [],
    };
    const options = { pageSize: 10, lockTtlMs: 30_000, retryMs: 300, bootWaitMs: 0 };
    const rebuilder = new StateRebuilder(epoch, source, options);
    await rebuilder.check();
    await rebuilder.idle();
    expect(rebuilder.last).toMatchObject({ outcome: 'failed', error: 'Error: directory unreachable' });
    await expect(rebuilder.readiness()).rejects.toThrow('state lost: rebuild pending; last rebuild failed');
    expect(await epoch.rebuilding()).toBe(false);
    // not again at once (every flush and detector pass asks), but after retryMs
    await rebuilder.check();
    expect(reads).toBe(1);
    await expectEventually(async () => {
      await rebuilder.check();
      await rebuilder.idle();
      expect(reads).toBe(2);
    });
  });
});
