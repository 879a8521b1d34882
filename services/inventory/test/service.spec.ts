import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { InventoryRpc } from '@fleetward/contracts';
import {
  buildProject,
  builtMigrations,
  callerAssertionHeaders,
  connectTestNats,
  ensureStreams,
  expiredCallerAssertion,
  signedRpcClient,
  testCallerSigner,
  registerTestRpcVerifier,
  signedPayload,
  startServiceProcess,
  testDatabase,
  type ServiceProcess,
  type TestDatabase,
} from '@fleetward/platform/testing';
import { DeviceRpcController } from '../src/devices/device.rpc.controller.js';
import { inventoryServices, newOrgId } from './support/inventory-fixture.js';

const projectDir = path.resolve(import.meta.dirname, '..');
const caller = (orgId: string) => ({ orgId, role: 'it' as const, actor: 'user-1', correlationId: 'corr-1' });

describe('inventory edges', () => {
  let db: TestDatabase;
  let service: ServiceProcess;
  const org = newOrgId();
  const url = (p: string) => `http://127.0.0.1:${service.port}${p}`;
  // A fresh assertion per request, as the gateway's proxy mints them (each serves once).
  const headers = (orgId = org) => callerAssertionHeaders(caller(orgId), 'inventory');

  beforeAll(async () => {
    buildProject(projectDir);
    await ensureStreams();
    db = await testDatabase({ migrations: await builtMigrations(projectDir) });
    const env = { DATABASE_URL: db.appUrl, DB_SCHEMA: db.schema, PORT: '0', LOG_LEVEL: 'info' };
    service = await startServiceProcess(path.join(projectDir, 'dist/main.js'), env);
  }, 180_000);
  afterAll(async () => {
    await service?.stop('SIGTERM');
    await db?.drop();
  });

  it('imports a CSV streamed over the internal HTTP port, then exports it as CSV and JSON', async () => {
    const csv =
      '\uFEFFvendor,type,serial,name,tags\r\nAxis,camera,E-1,"Gate, east",a;b\r\nAxis,camera,E-2,Gate west,\r\nAxis,robot,E-3,x,\r\n';
    const jobId = '00000000-0000-4000-8000-0000000000e1';
    const res = await fetch(url(`/internal/imports?jobId=${jobId}&fileName=fleet.csv`), {
      method: 'POST',
      headers: { ...(await headers()), 'content-type': 'text/csv' },
      body: csv,
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      id: jobId,
      status: 'done',
      rowsInserted: 2,
      rowsRejected: 1,
      fileName: 'fleet.csv',
    });

    const errors = await (
      await fetch(url(`/internal/imports/${jobId}/errors.csv`), { headers: await headers() })
    ).text();
    expect(errors.split('\n')[0]).toBe('row,reason,raw');
    expect(errors).toMatch(/^4,"type: must be one of/m);

    const exported = await (
      await fetch(url('/internal/exports/devices?format=csv'), { headers: await headers() })
    ).text();
    const lines = exported.trim().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^id,vendor,model,type,name,serial/);
    expect(exported).toContain('"Gate, east"');

    const json = await (
      await fetch(url('/internal/exports/devices?format=json&q=east'), { headers: await headers() })
    ).json();
    expect(json).toEqual([expect.objectContaining({ serial: 'E-1', tags: ['a', 'b'] })]);
  }, 60_000);

  it('refuses an internal request without a valid caller, and shows another org nothing', async () => {
    expect((await fetch(url('/internal/exports/devices'))).status).toBe(403);
    const other = await (
      await fetch(url('/internal/exports/devices?format=json'), { headers: await headers(newOrgId()) })
    ).json();
    expect(other).toEqual([]);
    const job = await fetch(url('/internal/imports/00000000-0000-4000-8000-0000000000e1/errors.csv'), {
      headers: await headers(newOrgId()),
    });
    expect(job.status).toBe(404);
  });

  it('answers RPCs with typed replies: validation, domain errors and data', async () => {
    const unregister = registerTestRpcVerifier('inventory');
    const controller = new DeviceRpcController(inventoryServices(db.dataSource).devices);
    // The controller in this process: each payload carries the assertion the gateway's RpcClient would add.
    const signed = <T extends { caller: ReturnType<typeof caller> }>(p: T) => signedPayload('inventory', p);
    const rpc = {
      create: async (p: { caller: ReturnType<typeof caller>; device: unknown }) => controller.create(await signed(p)),
      get: async (p: { caller: ReturnType<typeof caller>; id: string }) => controller.get(await signed(p)),
      list: async (p: { caller: ReturnType<typeof caller>; limit: number; sort: string }) =>
        controller.list(await signed(p)),
    };
    const bad = await rpc.create({
      caller: caller(org),
      device: { vendor: 'Axis', type: 'camera', serial: 'R-1', orgId: 'x' },
    });
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID' } });
    const created = await rpc.create({
      caller: caller(org),
      device: { vendor: 'Axis', type: 'camera', serial: 'R-1' },
    });
    expect(created).toMatchObject({ ok: true, data: { device: { serial: 'R-1' } } });
    const missing = await rpc.get({
      caller: caller(newOrgId()),
      id: (created as { data: { device: { id: string } } }).data.device.id,
    });
    expect(missing).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', reason: 'DEVICE_NOT_FOUND' } });
    const page = await rpc.list({ caller: caller(org), limit: 9999, sort: '-name' });
    expect(InventoryRpc.devicesList.response.parse((page as { data: unknown }).data).items.length).toBeGreaterThan(0);
    unregister();
  });

  // Issue 14: an anonymous NATS client or a request to the internal port with a made-up caller reached another
  // organisation's data. Now each is refused before the service acts; the gateway's signed path still works.
  it("refuses a made-up caller over NATS RPC, and answers the gateway's signed one", async () => {
    const victim = newOrgId();
    const client = signedRpcClient('inventory-edges-gateway');
    const nc = await connectTestNats({ name: 'anonymous-attacker' });
    try {
      const siteId = `site-${randomUUID().slice(0, 8)}`;
      await client.call(InventoryRpc.sitesCreate, {
        caller: caller(victim),
        site: { id: siteId, name: 'HQ', code: siteId },
      });
      const ask = async (data: Record<string, unknown>) => {
        const packet = { pattern: InventoryRpc.sitesGet.pattern, data, id: randomUUID() };
        const msg = await nc.request(InventoryRpc.sitesGet.pattern, JSON.stringify(packet), { timeout: 5000 });
        return (JSON.parse(new TextDecoder().decode(msg.data)) as { response: unknown }).response;
      };
      const refused = { ok: false, error: { code: 'FORBIDDEN', reason: 'CALLER_ASSERTION_INVALID' } };
      const admin = { ...caller(victim), role: 'admin' };
      expect(await ask({ id: siteId, caller: admin })).toMatchObject(refused);
      // A genuine assertion for the attacker's own organisation, with the victim's org in the payload.
      const own = await testCallerSigner().mint(caller(org), 'inventory');
      expect(await ask({ id: siteId, caller: caller(victim), callerAssertion: own })).toMatchObject(refused);
      const forLifecycle = await testCallerSigner().mint(caller(victim), 'lifecycle');
      expect(await ask({ id: siteId, caller: caller(victim), callerAssertion: forLifecycle })).toMatchObject(refused);
      await expect(client.call(InventoryRpc.sitesGet, { caller: caller(victim), id: siteId })).resolves.toMatchObject({
        id: siteId,
      });
    } finally {
      await nc.close();
      await client.onApplicationShutdown();
    }
  });

  it('refuses a forged, expired, misaddressed or replayed caller on the internal HTTP port, and imports nothing', async () => {
    const victim = newOrgId();
    const upload = (h: Record<string, string>) =>
      fetch(url('/internal/imports'), {
        method: 'POST',
        headers: { ...h, 'content-type': 'text/csv' },
        body: 'vendor,type,serial\r\nAxis,camera,FORGED-1\r\n',
      });
    const attempts: Record<string, string>[] = [
      { 'x-fleetward-caller': JSON.stringify({ ...caller(victim), role: 'admin' }) },
      { 'x-fleetward-caller-assertion': 'eyJhbGciOiJub25lIn0.eyJvcmciOiJ4In0.' },
      { 'x-fleetward-caller-assertion': await testCallerSigner().mint(caller(victim), 'lifecycle') },
      { 'x-fleetward-caller-assertion': await expiredCallerAssertion(caller(victim), 'inventory') },
    ];
    for (const h of attempts) {
      const res = await upload(h);
      expect({ status: res.status, body: await res.json() }).toMatchObject({
        status: 403,
        body: { code: 'FORBIDDEN', reason: 'CALLER_ASSERTION_INVALID' },
      });
    }
    const once = await headers(victim);
    expect((await fetch(url('/internal/exports/devices?format=json'), { headers: once })).status).toBe(200);
    expect((await fetch(url('/internal/exports/devices?format=json'), { headers: once })).status).toBe(403);
    const exported = await (
      await fetch(url('/internal/exports/devices?format=json'), { headers: await headers(victim) })
    ).json();
    expect(exported).toEqual([]);
  });

  it('exports no cell a spreadsheet would run as a formula (CWE-1236): device export and import errors', async () => {
    const tenant = newOrgId();
    const csv =
      "vendor,type,serial,name,tags\r\nAxis,camera,F-1,=cmd|' /C calc'!A0,@x\r\n+Axis,robot,F-2,=HYPERLINK(1),\r\n";
    const jobId = '00000000-0000-4000-8000-0000000000f1';
    const res = await fetch(url(`/internal/imports?jobId=${jobId}`), {
      method: 'POST',
      headers: { ...(await headers(tenant)), 'content-type': 'text/csv' },
      body: csv,
    });
    const job = await res.json();
    expect(job).toMatchObject({ rowsInserted: 1, rowsRejected: 1 });
    const exported = await (
      await fetch(url('/internal/exports/devices?format=csv'), { headers: await headers(tenant) })
    ).text();
    const errors = await (
      await fetch(url(`/internal/imports/${jobId}/errors.csv`), { headers: await headers(tenant) })
    ).text();
    expect(exported).toContain(`,'=cmd|' /C calc'!A0,`);
    expect(exported).toContain(`,'@x`);
    expect(errors).toContain('=HYPERLINK(1)'); // inside the JSON list of raw values, not at a cell's start
    for (const text of [exported, errors]) {
      const cells = text
        .trim()
        .split('\n')
        .slice(1)
        .flatMap((line) => line.split(/,|;/));
      expect(cells.filter((c) => /^"?[=+@-]/.test(c))).toEqual([]);
    }
  }, 60_000);
});
