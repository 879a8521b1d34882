import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { Redis } from 'ioredis';
import type { DataSource } from 'typeorm';
import { NatsClient } from '../../src/nats/nats-client.js';
import { REDIS } from '../../src/redis/redis.module.js';
import {
  expectEventually,
  startTcpProxy, testNatsUrl,
  throughProxy,
  type TcpProxy,
  type TestDatabase,
} from '../../src/testing/index.js';
import { connectNats, deleteConsumer, messagingDatabase } from '../messaging/support/fixtures.js';
import { faultAppSpec, readiness, startFaultApp, type FaultApp } from './support/fault-app.js';

jest.setTimeout(60_000);

const REDIS_URL = 'redis://127.0.0.1:6379';

describe('a service whose Postgres and Redis lines are cut (the shared servers themselves keep running)', () => {
  const spec = faultAppSpec();
  let pg: TcpProxy;
  let redis: TcpProxy;
  let db: TestDatabase;
  let direct: NatsClient;
  let service: FaultApp | undefined;

  beforeAll(async () => {
    direct = await connectNats('faults-engines');
    db = await messagingDatabase();
    pg = await startTcpProxy({ port: Number(new URL(db.appUrl).port || 5432) });
    redis = await startTcpProxy({ port: 6379 });
  });
  afterAll(async () => {
    await service?.close();
    await pg?.close();
    await redis?.close();
    await deleteConsumer(direct, spec.durable);
    await direct?.drain();
    await db?.drop();
  });

  it('boots while Postgres is unreachable, and comes up once it answers', async () => {
    pg.cut();
    const starting = startFaultApp(spec, {
      NATS_URL: testNatsUrl(),
      DATABASE_URL: throughProxy(db.appUrl, pg),
      DB_SCHEMA: db.schema,
      REDIS_URL: throughProxy(REDIS_URL, redis),
      READINESS_GRACE_MS: '500',
    });
    const failedEarly = starting.then(
      () => 'started',
      (err: unknown) => `failed: ${String(err)}`,
    );
    // It keeps trying (each attempt is a refused connection), instead of failing its boot.
    await expectEventually(() => expect(pg.refused).toBeGreaterThanOrEqual(3), { timeoutMs: 10_000 });
    expect(await Promise.race([failedEarly, Promise.resolve('still trying')])).toBe('still trying');
    pg.restore();
    service = await starting;
    expect((await readiness(service.base)).status).toBe(200);
  });

  it('reports postgres, then redis, as the missing dependency while cut, and is ready again once restored', async () => {
    const app = service!.app;
    for (const [name, proxy] of [
      ['postgres', pg],
      ['redis', redis],
    ] as const) {
      proxy.cut();
      await expectEventually(
        async () => {
          const r = await readiness(service!.base);
          expect(r.status).toBe(503);
          expect(Object.keys(r.body.checks).filter((k) => r.body.checks[k] !== 'ok')).toEqual([name]);
        },
        { timeoutMs: 10_000, intervalMs: 200 },
      );
      expect((await fetch(`${service!.base}/healthz`)).status).toBe(200);
      proxy.restore();
      await expectEventually(async () => expect((await readiness(service!.base)).status).toBe(200), {
        timeoutMs: 15_000,
        intervalMs: 200,
      });
    }
    await expect(app.get<DataSource>(getDataSourceToken()).query('SELECT 1 AS one')).resolves.toEqual([{ one: 1 }]);
    await expect(app.get<Redis>(REDIS).ping()).resolves.toBe('PONG');
  });
});
