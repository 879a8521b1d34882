import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { InventoryRpc } from '@fleetward/contracts';
import {
  buildProject,
  builtMigrations,
  ensureStreams,
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
  const headers = (orgId = org) => ({ 'x-fleetward-caller': JSON.stringify(caller(orgId)) });

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
      headers: { ...headers(), 'content-type': 'text/csv' },
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

    const errors = await (await fetch(url(`/internal/imports/${jobId}/errors.csv`), { headers: headers() })).text();
    expect(errors.split('\n')[0]).toBe('row,reason,raw');
    expect(errors).toMatch(/^4,"type: must be one of/m);

    const exported = await (await fetch(url('/internal/exports/devices?format=csv'), { headers: headers() })).text();
    const lines = exported.trim().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^id,vendor,model,type,name,serial/);
    expect(exported).toContain('"Gate, east"');

    const json = await (
      await fetch(url('/internal/exports/devices?format=json&q=east'), { headers: headers() })
    ).json();
    expect(json).toEqual([expect.objectContaining({ serial: 'E-1', tags: ['a', 'b'] })]);
  }, 60_000);

  it('refuses an internal request without a valid caller, and shows another org nothing', async () => {
    expect((await fetch(url('/internal/exports/devices'))).status).toBe(400);
    const other = await (
      await fetch(url('/internal/exports/devices?format=json'), { headers: headers(newOrgId()) })
    ).json();
    expect(other).toEqual([]);
    const job = await fetch(url('/internal/imports/00000000-0000-4000-8000-0000000000e1/errors.csv'), {
      headers: headers(newOrgId()),
    });
    expect(job.status).toBe(404);
  });

  it('answers RPCs with typed replies: validation, domain errors and data', async () => {
    const rpc = new DeviceRpcController(inventoryServices(db.dataSource).devices);
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
  });

  it('exports no cell a spreadsheet would run as a formula (CWE-1236): device export and import errors', async () => {
    const tenant = newOrgId();
    const csv =
      "vendor,type,serial,name,tags\r\nAxis,camera,F-1,=cmd|' /C calc'!A0,@x\r\n+Axis,robot,F-2,=HYPERLINK(1),\r\n";
    const jobId = '00000000-0000-4000-8000-0000000000f1';
    const res = await fetch(url(`/internal/imports?jobId=${jobId}`), {
      method: 'POST',
      headers: { ...headers(tenant), 'content-type': 'text/csv' },
      body: csv,
    });
    const job = await res.json();
    expect(job).toMatchObject({ rowsInserted: 1, rowsRejected: 1 });
    const exported = await (
      await fetch(url('/internal/exports/devices?format=csv'), { headers: headers(tenant) })
    ).text();
    const errors = await (
      await fetch(url(`/internal/imports/${jobId}/errors.csv`), { headers: headers(tenant) })
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
