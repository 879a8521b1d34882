import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { defineRpc, Subjects } from '@fleetward/contracts';
import path from 'node:path';
import { z } from 'zod';
import { RpcClient } from '../../src/rpc/index.js';
import {
  buildProject,
  ensureStreams,
  expectEventually,
  startServiceProcess,
  signedRpcClient, startTcpProxy, throughProxy,
  testDatabase,
  type ServiceProcess,
  type TestDatabase,
} from '../../src/testing/index.js';
import { NATS_URL } from '../messaging/support/fixtures.js';
import { readiness } from './support/fault-app.js';

jest.setTimeout(60_000);

const here = import.meta.dirname;
const entry = path.join(here, 'support/drain-service.mjs');
const PRESTOP_MS = 1_500;
const SLOW_MS = 2_500;
const slowRpc = defineRpc({
  // Addressed to the service the drain process plays (its name in support/drain-service.mjs): callers' assertions name it.
  pattern: Subjects.rpc('draintest', 'slow.get'),
  params: {},
  response: z.object({ done: z.boolean() }),
});
const caller = { orgId: 'org-drain', role: 'admin' as const, actor: 'drain', correlationId: 'drain-1' };

describe('a service process told to stop (SIGTERM)', () => {
  let db: TestDatabase;
  let client: RpcClient;
  let env: Record<string, string>;
  let proc: ServiceProcess | undefined;

  beforeAll(async () => {
    buildProject(path.resolve(here, '../..'));
    await ensureStreams();
    db = await testDatabase();
    client = signedRpcClient('drain-test', NATS_URL);
    env = {
      NATS_URL,
      DATABASE_URL: db.appUrl,
      DB_SCHEMA: db.schema,
      PORT: '0',
      PRESTOP_DELAY_MS: String(PRESTOP_MS),
      SHUTDOWN_TIMEOUT_MS: '10000',
      SLOW_MS: String(SLOW_MS),
      SLOW_RPC_SUBJECT: slowRpc.pattern,
    };
  }, 120_000);
  afterAll(async () => {
    await proc?.stop('SIGKILL');
    await client?.onApplicationShutdown();
    await db?.drop();
  });

  // Skipped, known broken (issue 15 stays open for it): since the merge with the signed-caller and NATS-account work,
  // the reply of an RPC in flight at SIGTERM does not reach its caller (the same RPC answers outside a shutdown).
  it.skip('turns unready first, keeps serving through the pre-stop delay, finishes in-flight HTTP and RPC, exits 0', async () => {
    proc = await startServiceProcess(entry, env);
    const base = `http://127.0.0.1:${proc.port}`;
    await expectEventually(async () => expect((await readiness(base)).status).toBe(200), { timeoutMs: 10_000 });
    const slowHttp = fetch(`${base}/slow`).then(async (r) => ({ status: r.status, body: await r.json() }));
    const slowCall = client.call(slowRpc, { caller }, { timeoutMs: 15_000 });
    await expectEventually(() => {
      expect(proc!.output()).toContain('slow request started');
      expect(proc!.output()).toContain('slow rpc started');
    });

    const started = Date.now();
    const exited = proc.stop('SIGTERM');
    await expectEventually(async () => {
      const r = await readiness(base);
      expect({ status: r.status, shutdown: r.body.checks['shutdown'] }).toEqual({ status: 503, shutdown: 'draining' });
    });
    // Still serving while load balancers take it out of rotation.
    expect(Date.now() - started).toBeLessThan(PRESTOP_MS);
    expect((await fetch(`${base}/healthz`)).status).toBe(200);

    await expect(slowHttp).resolves.toEqual({ status: 200, body: { done: true } });
    await expect(slowCall).resolves.toEqual({ done: true });
    expect(await exited).toBe(0);
    expect(Date.now() - started).toBeGreaterThanOrEqual(PRESTOP_MS);
  });

  it('stops within its budget while NATS is unreachable (no drain waiting for a reconnect), exit 0', async () => {
    const proxy = await startTcpProxy({ port: Number(new URL(NATS_URL).port || 4222) });
    try {
      const budget = { PRESTOP_DELAY_MS: '0', SHUTDOWN_TIMEOUT_MS: '20000' };
      proc = await startServiceProcess(entry, { ...env, ...budget, NATS_URL: throughProxy(NATS_URL, proxy) });
      const base = `http://127.0.0.1:${proc.port}`;
      proxy.cut();
      await expectEventually(async () => expect((await readiness(base)).body.checks['nats']).toMatch(/disconnected/));
      const started = Date.now();
      expect(await proc.stop('SIGTERM')).toBe(0);
      // Not the in-flight half of the budget (10 s) spent waiting on drains that need the server.
      expect(Date.now() - started).toBeLessThan(4_000);
    } finally {
      await proxy.close();
    }
  });

  it('exits 1 when its NATS connection closes for good, so the orchestrator restarts it', async () => {
    proc = await startServiceProcess(entry, { ...env, PRESTOP_DELAY_MS: '0' });
    const exited = new Promise<number | null>((resolve) => proc!.child.once('exit', (code) => resolve(code)));
    await fetch(`http://127.0.0.1:${proc.port}/break-nats`);
    expect(await exited).toBe(1);
    expect(proc.output()).toContain('NATS connection closed for good');
  });
});
