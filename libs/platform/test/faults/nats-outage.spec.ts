import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { setTimeout as sleep } from 'node:timers/promises';
import { EventPublisher } from '../../src/messaging/event-publisher.js';
import { NatsClient } from '../../src/nats/nats-client.js';
import { RpcClient } from '../../src/rpc/index.js';
import { expectEventually, signedRpcClient, startTcpProxy, throughProxy, type TcpProxy, type TestDatabase } from '../../src/testing/index.js';
import { connectNats, deleteConsumer, messagingDatabase, NATS_URL, things } from '../messaging/support/fixtures.js';
import { faultAppSpec, readiness, startFaultApp, type FaultApp } from './support/fault-app.js';

jest.setTimeout(90_000);

// Longer than nats.js gives up by default (10 attempts, 2 s apart: ~20 s, then the connection closes for good).
const OUTAGE_MS = 25_000;

describe('a service whose NATS line is cut for longer than the client used to retry', () => {
  const spec = faultAppSpec();
  let proxy: TcpProxy;
  let db: TestDatabase;
  let direct: NatsClient;
  let outsider: RpcClient;
  let service: FaultApp;

  beforeAll(async () => {
    direct = await connectNats('faults-direct');
    db = await messagingDatabase();
    proxy = await startTcpProxy({ port: Number(new URL(NATS_URL).port || 4222) });
    service = await startFaultApp(spec, {
      NATS_URL: throughProxy(NATS_URL, proxy),
      DATABASE_URL: db.appUrl,
      DB_SCHEMA: db.schema,
      READINESS_GRACE_MS: '1000',
    });
    outsider = signedRpcClient('faults-outsider', NATS_URL);
  });
  afterAll(async () => {
    await service?.close();
    await proxy?.close();
    await outsider?.onApplicationShutdown();
    await deleteConsumer(direct, spec.durable);
    await direct?.drain();
    await db?.drop();
  });

  it('comes back by itself: ready again, the durable consumer resumes, RPC answers both ways', async () => {
    const publisher = new EventPublisher(direct);
    const before = things(spec.orgId, 5);
    await publisher.publishMany(before);
    await expectEventually(() => expect(spec.received).toHaveLength(5), { timeoutMs: 10_000 });
    expect((await readiness(service.base)).status).toBe(200);

    proxy.cut();
    await expectEventually(
      async () => {
        const r = await readiness(service.base);
        expect(r.status).toBe(503);
        expect(r.body.checks['nats']).toMatch(/disconnected .*reconnecting/);
      },
      { timeoutMs: 5_000, intervalMs: 200 },
    );
    // Events keep arriving in JetStream while the service cannot see them.
    const during = things(spec.orgId, 20, 100);
    await publisher.publishMany(during);
    // The fault itself lasts a fixed time; the outcome afterwards is polled.
    await sleep(OUTAGE_MS);
    expect((await fetch(`${service.base}/healthz`)).status).toBe(200);
    proxy.restore();

    await expectEventually(async () => expect((await readiness(service.base)).status).toBe(200), {
      timeoutMs: 20_000,
      intervalMs: 250,
    });
    const after = things(spec.orgId, 5, 200);
    await publisher.publishMany(after);
    await expectEventually(
      () =>
        expect(spec.received.map((e) => e.id).sort()).toEqual([...before, ...during, ...after].map((e) => e.id).sort()),
      { timeoutMs: 20_000, intervalMs: 200 },
    );
    // Served by the service through the proxy, asked from outside; and asked by the service's own RPC client.
    await expect(outsider.call(spec.ping, { caller: caller(spec.orgId) })).resolves.toEqual({ pong: true });
    await expect(
      service.app.get(RpcClient).call(spec.ping, { caller: caller(spec.orgId) }, { timeoutMs: 10_000 }),
    ).resolves.toEqual({ pong: true });
  });
});

const caller = (orgId: string) => ({ orgId, role: 'admin' as const, actor: 'faults', correlationId: 'faults-1' });

describe('a service started while NATS is unreachable', () => {
  const spec = faultAppSpec();
  let proxy: TcpProxy;
  let db: TestDatabase;
  let direct: NatsClient;
  let service: FaultApp | undefined;

  beforeAll(async () => {
    direct = await connectNats('faults-boot');
    db = await messagingDatabase();
    proxy = await startTcpProxy({ port: Number(new URL(NATS_URL).port || 4222) });
  });
  afterAll(async () => {
    await service?.close();
    await proxy?.close();
    await deleteConsumer(direct, spec.durable);
    await direct?.drain();
    await db?.drop();
  });

  it('keeps trying instead of failing its boot, and serves once NATS answers', async () => {
    proxy.cut();
    const starting = startFaultApp(spec, {
      NATS_URL: throughProxy(NATS_URL, proxy),
      DATABASE_URL: db.appUrl,
      DB_SCHEMA: db.schema,
    });
    const outcome = starting.then(
      () => 'started',
      (err: unknown) => `failed: ${String(err)}`,
    );
    await expectEventually(() => expect(proxy.refused).toBeGreaterThanOrEqual(3), { timeoutMs: 10_000 });
    expect(await Promise.race([outcome, Promise.resolve('still trying')])).toBe('still trying');
    proxy.restore();
    service = await starting;
    await expectEventually(async () => expect((await readiness(service!.base)).status).toBe(200), {
      timeoutMs: 10_000,
    });
    const events = things(spec.orgId, 3);
    await new EventPublisher(direct).publishMany(events);
    await expectEventually(() => expect(spec.received).toHaveLength(3), { timeoutMs: 10_000 });
  });
});
