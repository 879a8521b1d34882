import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { withOrg } from '@fleetward/platform';
import {
  expectEventually,
  startPrivateRedis,
  testDatabase,
  type PrivateRedis,
  type TestDatabase,
} from '@fleetward/platform/testing';
import { DeviceDirectoryRepository } from '../src/directory/device-directory.repository.js';
import { ExpectedDeviceSourceRepository } from '../src/directory/expected-device-source.repository.js';
import { LivenessQueryService } from '../src/liveness/liveness-query.service.js';
import { migrations } from '../src/migrations/index.js';
import { IntervalSink } from '../src/uptime/interval-sink.js';
import { StateIntervalRepository } from '../src/uptime/state-interval.repository.js';
import { CollectingSink, EngineHarness } from './support/engine-harness.js';

import { registerThroughDirectory } from './support/state-loss-fixture.js';

const clockPast = (t: number) =>
  expectEventually(() => expect(Date.now()).toBeGreaterThanOrEqual(t), { timeoutMs: 20_000 });
const ids = (n: number) => Array.from({ length: n }, (_, i) => `dev-${String(i).padStart(2, '0')}`);
const SITE = 'site-b';

/** Redis emptied (a private redis-server) under two replicas, and under devices already reported offline. */
describe('rebuilding a lost Redis state', () => {
  let db: TestDatabase;
  let redis: PrivateRedis;
  let h: EngineHarness;
  let directory: DeviceDirectoryRepository;

  beforeAll(async () => {
    db = await testDatabase({ migrations });
    directory = new DeviceDirectoryRepository(db.dataSource);
  }, 60_000);
  afterAll(() => db.drop());
  beforeEach(async () => {
    redis = await startPrivateRedis();
    h = new EngineHarness({ siteMinDevices: 3, siteShare: 0.8 });
    h.source = new ExpectedDeviceSourceRepository(db.dataSource);
    await h.open(redis.url);
  });
  afterEach(async () => {
    await h.close();
    await redis.stop();
  });

  const register = (devices: string[], thresholdSec: number, intervalSec: number) =>
    registerThroughDirectory(
      directory,
      h.engine().store,
      h.orgId,
      devices.map((id) => ({ id, siteId: SITE, thresholdSec, intervalSec })),
    );

  it('is done by one replica of two, and raises no alarm for devices that keep beating', async () => {
    const sinks = [new CollectingSink(), new CollectingSink()];
    const engines = [await h.startEngine(sinks[0]!), await h.startEngine(sinks[1]!)];
    const devices = ids(20);
    await register(devices, 3, 1);
    const stop = h.beatEvery(SITE, () => devices, 300);
    try {
      const query = new LivenessQueryService(engines[0]!.store);
      await expectEventually(async () => expect((await query.summary(h.orgId)).byState).toEqual({ online: 20 }));
      const before = engines.map((e) => e.rebuilder.last);
      const lostAt = Date.now();
      await h.redis.flushall();
      await expectEventually(async () => {
        expect(await engines[0]!.epoch.sealed()).toBe(true);
        expect((await query.summary(h.orgId)).total).toBe(20);
      });
      const rebuilt = engines.map((e) => e.rebuilder.last).filter((r, i) => r !== before[i]);
      expect(rebuilt).toEqual([expect.objectContaining({ outcome: 'done' })]);
      await expectEventually(async () => expect((await query.summary(h.orgId)).byState).toEqual({ online: 20 }));
      await clockPast(lostAt + 4500);
      expect([...sinks[0]!.seen, ...sinks[1]!.seen]).toEqual([]);
    } finally {
      stop();
    }
  }, 60_000);

  it('remembers who was reported offline: a return publishes device.online, a silent one is not reported twice', async () => {
    const sink = new CollectingSink();
    const engine = await h.startEngineWith([new IntervalSink(new StateIntervalRepository(db.dataSource)), sink]);
    await register(['gone', 'back', 'cam-1', 'cam-2', 'cam-3'], 1, 1);
    h.beat(SITE, ['gone', 'back']);
    let beating = ['cam-1', 'cam-2', 'cam-3'];
    const stop = h.beatEvery(SITE, () => beating, 300);
    try {
      await expectEventually(() => expect(sink.of('device.offline')).toHaveLength(2), { timeoutMs: 10_000 });
      const before = engine.rebuilder.last;
      const lostAt = Date.now();
      await h.redis.flushall();
      await expectEventually(() => expect(engine.rebuilder.last).not.toBe(before));
      // the directory is shared by this file's tests: the other test's organisation was restored as well
      expect(engine.rebuilder.last?.outcome).toBe('done');
      expect((await new LivenessQueryService(engine.store).summary(h.orgId)).total).toBe(5);
      beating = ['cam-1', 'cam-2', 'cam-3', 'back'];
      await expectEventually(() => expect(sink.of('device.online', 'back')).toHaveLength(1));
      const open = await withOrg(db.dataSource, h.orgId, (m) =>
        m.query('SELECT device_id FROM state_interval WHERE org_id = $1 AND ended_at IS NULL', [h.orgId]),
      );
      expect(open).toEqual([{ device_id: 'gone' }]);
      await expectEventually(async () => expect((await engine.store.device(h.orgId, 'gone'))?.state).toBe('offline'));
      await clockPast(lostAt + 2500);
      expect(sink.seen.map((t) => `${t.type} ${t.deviceId}`).sort()).toEqual([
        'device.offline back',
        'device.offline gone',
        'device.online back',
      ]);
    } finally {
      stop();
    }
  }, 60_000);
});
