import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  buildProject,
  builtMigrations,
  ensureStreams,
  startServiceProcess,
  testDatabase,
  type ServiceProcess,
  type TestDatabase,
} from '@fleetward/platform/testing';
import { bearer, jsonHeaders, startGateway, type TestGateway, type TestOrg } from '../../test/support/gateway-app.js';

const inventoryDir = path.resolve(import.meta.dirname, '../../../inventory');

/** The gateway in-process and the real inventory service as a child process (its own schema). */
describe('inventory routes through the gateway', () => {
  let gw: TestGateway;
  let db: TestDatabase;
  let inventory: ServiceProcess;
  let a: TestOrg;
  let b: TestOrg;

  const send = (method: string, url: string, key: string, body?: unknown) =>
    fetch(gw.url(url), {
      method,
      headers: jsonHeaders(key),
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const get = (url: string, key: string) => fetch(gw.url(url), { headers: bearer(key) });

  beforeAll(async () => {
    buildProject(inventoryDir);
    await ensureStreams();
    db = await testDatabase({ migrations: await builtMigrations(inventoryDir) });
    inventory = await startServiceProcess(
      path.join(inventoryDir, 'dist/main.js'),
      { DATABASE_URL: db.appUrl, DB_SCHEMA: db.schema, PORT: '0', LOG_LEVEL: 'info' },
      60_000,
    );
    gw = await startGateway({ INVENTORY_HTTP_URL: `http://127.0.0.1:${inventory.port}` });
    [a, b] = [await gw.newOrg(), await gw.newOrg()];
  }, 180_000);
  afterAll(async () => {
    await inventory?.stop('SIGTERM');
    await gw?.close();
    await db?.drop();
  });

  it('creates a site and a device, then filters, counts and reads them', async () => {
    const site = await send('POST', '/api/v1/sites', a.keys.it, { name: 'Store 214', code: 'S214' });
    expect(site.status).toBe(201);
    const siteId = ((await site.json()) as { id: string }).id;
    const created = await send('POST', '/api/v1/devices', a.keys.it, {
      vendor: 'Axis',
      type: 'camera',
      serial: 'GW-1',
      siteId,
      mac: 'AA-BB-CC-00-11-22',
    });
    expect(created.status).toBe(201);
    const { device, heartbeatToken } = (await created.json()) as { device: { id: string }; heartbeatToken: string };
    expect(device).toMatchObject({ mac: 'aa:bb:cc:00:11:22', sitePath: [siteId] });
    expect(heartbeatToken).toEqual(expect.any(String));

    const page = await get(`/api/v1/devices?siteId=${siteId}&type=camera,reader&sort=-name&limit=10`, a.keys.viewer);
    expect(page.status).toBe(200);
    expect(((await page.json()) as { items: { id: string }[] }).items.map((d) => d.id)).toEqual([device.id]);
    const counts = await (await get('/api/v1/devices/counts', a.keys.viewer)).json();
    expect(counts).toMatchObject({ total: 1, byStatus: [{ status: 'active', count: 1 }] });
    expect((await get(`/api/v1/devices/${device.id}`, a.keys.viewer)).status).toBe(200);

    const del = await send('DELETE', `/api/v1/sites/${siteId}`, a.keys.it);
    expect(del.status).toBe(409);
    expect(await del.json()).toMatchObject({ code: 'SITE_HAS_DEVICES' });
  });

  it('checks permissions, refuses unknown fields and hides other organisations', async () => {
    expect(
      (await send('POST', '/api/v1/devices', a.keys.viewer, { vendor: 'Axis', type: 'camera', serial: 'V-1' })).status,
    ).toBe(403);
    expect(
      (await send('POST', '/api/v1/devices', a.keys.it, { vendor: 'Axis', type: 'camera', serial: 'V-2', orgId: b.id }))
        .status,
    ).toBe(400);
    const list = (await (await get('/api/v1/devices', a.keys.viewer)).json()) as { items: { id: string }[] };
    const id = list.items[0]!.id;
    expect((await get(`/api/v1/devices/${id}`, b.keys.viewer)).status).toBe(404);
    expect(((await (await get('/api/v1/devices', b.keys.viewer)).json()) as { items: unknown[] }).items).toEqual([]);
  });

  it('streams a CSV import to the inventory, and refuses a JSON body at once instead of forwarding what it read', async () => {
    const csv = 'vendor,type,serial\r\nAxis,camera,CSV-1\r\n';
    const upload = await fetch(gw.url('/api/v1/devices/imports'), {
      method: 'POST',
      headers: { ...bearer(a.keys.it), 'content-type': 'text/csv' },
      body: csv,
    });
    expect({ status: upload.status, body: await upload.json() }).toMatchObject({ status: 200, body: { rowsInserted: 1 } });

    const json = await send('POST', '/api/v1/devices/imports', a.keys.it, { rows: [] });
    expect(json.status).toBe(415);
    expect(await json.json()).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE' });
  }, 30_000);
});
