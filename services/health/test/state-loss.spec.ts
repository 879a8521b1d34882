import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
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
import { CollectingSink, EngineHarness } from './support/engine-harness.js';

import { registerThroughDirectory } from './support/state-loss-fixture.js';

const clockPast = (t: number) =>
  expectEventually(() => expect(Date.now()).toBeGreaterThanOrEqual(t), { timeoutMs: 20_000 });
const ids = (n: number) => Array.from({ length: n }, (_, i) => `dev-${String(i).padStart(2, '0')}`);
const SITE = 'site-a';

/** Redis emptied under a running fleet (FLUSHALL on a private redis-server), real NATS and Postgres. */
describe('losing the Redis state', () => {
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

  const sealed = () => expectEventually(async () => expect(await h.engine().epoch.sealed()).toBe(true));

  it('rebuilds every expected device, reports the two that stopped one threshold later, and no one else', async () => {
    const sink = new CollectingSink();
    const engine = await h.startEngine(sink);
    await sealed();
    const devices = ids(20);
    const timing = { siteId: SITE, thresholdSec: 3, intervalSec: 1 };
    await registerThroughDirectory(
      directory,
      engine.store,
      h.orgId,
      devices.map((id) => ({ id, ...timing })),
    );
    let beating = devices;
    const stop = h.beatEvery(SITE, () => beating, 300);
    try {
      const query = new LivenessQueryService(engine.store);
      await expectEventually(async () => expect((await query.summary(h.orgId)).byState).toEqual({ online: 20 }));

      const boot = engine.rebuilder.last;
      const lostAt = Date.now();
      await h.redis.flushall();
      beating = devices.slice(2);

      const report = await expectEventually(() => {
        expect(engine.rebuilder.last).not.toBe(boot);
        expect(engine.rebuilder.last?.outcome).toBe('done');
        return engine.rebuilder.last!;
      });
      expect(report.restored).toBe(20);
      await engine.rebuilder.readiness();
      // liveness not known yet: unknown, with the reason, never offline
      expect(await query.get(h.orgId, 'dev-00')).toMatchObject({ state: 'unknown', reason: 'state-lost' });
      expect((await query.summary(h.orgId)).total).toBe(20);

      const offline = await expectEventually(
        () => {
          const found = sink.of('device.offline');
          expect(found.map((t) => t.deviceId).sort()).toEqual(['dev-00', 'dev-01']);
          return found;
        },
        { timeoutMs: 15_000 },
      );
      for (const t of offline) expect(t.at).toBeGreaterThanOrEqual(lostAt + 3000);
      await clockPast(lostAt + 6500);
      expect(sink.seen.map((t) => `${t.type} ${t.deviceId}`).sort()).toEqual([
        'device.offline dev-00',
        'device.offline dev-01',
      ]);
      const summary = await query.summary(h.orgId);
      expect(summary).toMatchObject({ total: 20, byState: { online: 18, offline: 2 } });
    } finally {
      stop();
    }
  }, 60_000);
});
