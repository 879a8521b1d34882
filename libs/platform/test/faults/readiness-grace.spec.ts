import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { setTimeout as sleep } from 'node:timers/promises';
import { NatsClient } from '../../src/nats/nats-client.js';
import { expectEventually, startTcpProxy, throughProxy, type TcpProxy, type TestDatabase } from '../../src/testing/index.js';
import { connectNats, deleteConsumer, messagingDatabase, NATS_URL } from '../messaging/support/fixtures.js';
import { faultAppSpec, readiness, startFaultApp, type FaultApp } from './support/fault-app.js';

jest.setTimeout(60_000);

describe('readiness and liveness of a service behind a flaky NATS line', () => {
  const spec = faultAppSpec();
  let proxy: TcpProxy;
  let db: TestDatabase;
  let direct: NatsClient;
  let service: FaultApp;

  beforeAll(async () => {
    direct = await connectNats('faults-grace');
    db = await messagingDatabase();
    proxy = await startTcpProxy({ port: Number(new URL(NATS_URL).port || 4222) });
    // The default grace (READINESS_GRACE_MS unset).
    service = await startFaultApp(spec, { NATS_URL: throughProxy(NATS_URL, proxy), DATABASE_URL: db.appUrl, DB_SCHEMA: db.schema });
  });
  afterAll(async () => {
    await service?.close().catch(() => undefined);
    await proxy?.close();
    await deleteConsumer(direct, spec.durable);
    await direct?.drain();
    await db?.drop();
  });

  it('stays ready through a sub-second cut, while naming what blipped', async () => {
    expect((await readiness(service.base)).status).toBe(200);
    const seen: { status: number; nats: string | undefined }[] = [];
    const probing = (async () => {
      const until = Date.now() + 4_000;
      while (Date.now() < until) {
        const r = await readiness(service.base);
        seen.push({ status: r.status, nats: r.body.checks['nats'] });
        await sleep(50);
      }
    })();
    proxy.cut();
    await sleep(300);
    proxy.restore();
    await probing;
    // The cut was noticed (else this test proves nothing), yet no probe answered 503.
    expect(seen.some((s) => s.nats?.startsWith('disconnected'))).toBe(true);
    expect(seen.filter((s) => s.status !== 200)).toEqual([]);
    expect(seen.at(-1)).toEqual({ status: 200, nats: 'ok' });
  });

  it('fails liveness once the NATS connection is closed for good (it will not come back by itself)', async () => {
    expect((await fetch(`${service.base}/healthz`)).status).toBe(200);
    await service.app.get(NatsClient).nc.close();
    await expectEventually(async () => {
      const res = await fetch(`${service.base}/healthz`);
      expect({ status: res.status, body: await res.json() }).toEqual({
        status: 503,
        body: { status: 'failed', failures: { nats: 'connection closed (will not reconnect)' } },
      });
    });
  });
});
