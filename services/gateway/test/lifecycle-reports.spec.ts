import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import path from 'node:path';
import { fixtures } from '@fleetward/contracts/testing';
import { Subjects, type EventEnvelope } from '@fleetward/contracts';
import { NatsClient } from '@fleetward/platform';
import {
  buildProject,
  builtMigrations,
  callerAssertionHeaders,
  ensureStreams,
  expectEventually,
  expiredCallerAssertion,
  startPrivateNats,
  startServiceProcess,
  testDatabase,
  uniqueId,
  type PrivateNats,
  type ServiceProcess,
  type TestDatabase,
} from '@fleetward/platform/testing';
import { bearer, jsonHeaders, startGateway, type TestGateway, type TestOrg } from './support/gateway-app.js';

const lifecycleDir = path.resolve(import.meta.dirname, '../../lifecycle');

/** The gateway in-process, the real lifecycle service as a child process (own schema, own NATS), its HTTP port proxied. */
describe('lifecycle CSV reports and device compliance through the gateway', () => {
  let gw: TestGateway;
  let nats: PrivateNats;
  let lifecycleDb: TestDatabase;
  let lifecycle: ServiceProcess;
  let a: TestOrg;
  let b: TestOrg;

  const get = (url: string, key: string) => fetch(gw.url(url), { headers: bearer(key) });
  const publish = async (e: EventEnvelope) => {
    await gw.app
      .get(NatsClient)
      .js.publish(Subjects.event(e.orgId!, e.type, e.version), JSON.stringify(e), { msgID: e.id });
  };

  beforeAll(async () => {
    buildProject(lifecycleDir);
    // Its own nats-server: another test's lifecycle on the shared server would answer some of these RPCs.
    nats = await startPrivateNats();
    await ensureStreams({ url: nats.url });
    lifecycleDb = await testDatabase({ migrations: await builtMigrations(lifecycleDir) });
    lifecycle = await startServiceProcess(
      path.join(lifecycleDir, 'dist/main.js'),
      {
        DATABASE_URL: lifecycleDb.appUrl,
        DB_SCHEMA: lifecycleDb.schema,
        NATS_URL: nats.url,
        PORT: '0',
        LOG_LEVEL: 'info',
        CONSUMER_PREFIX: uniqueId('gw-reports').replace(/[^A-Za-z0-9_-]/g, '_'),
        CONSUMER_DELIVER_FROM: 'new',
      },
      60_000,
    );
    gw = await startGateway({ NATS_URL: nats.url, LIFECYCLE_HTTP_URL: `http://127.0.0.1:${lifecycle.port}` });
    [a, b] = [await gw.newOrg(), await gw.newOrg()];
    for (const org of [a, b]) {
      const res = await fetch(gw.url('/api/v1/replacement-policies'), {
        method: 'PUT',
        headers: jsonHeaders(org.keys.it),
        body: JSON.stringify({ kind: 'warranty-expiry', leadDays: 30 }),
      });
      expect(res.status).toBe(200);
    }
    await publish(fixtures.siteCreated({ orgId: a.id }));
    await publish(
      fixtures.deviceRegistered({ orgId: a.id, overrides: { id: 'cam-1', warrantyEnd: '2020-01-01', cost: 640 } }),
    );
    await expectEventually(
      async () => {
        const page = (await (await get('/api/v1/replacement-plan', a.keys.viewer)).json()) as {
          items?: { deviceId: string }[];
        };
        expect(page.items?.map((i) => i.deviceId)).toEqual(['cam-1']);
      },
      { timeoutMs: 30_000 },
    );
  }, 180_000);
  afterAll(async () => {
    await gw?.close();
    await lifecycle?.stop('SIGTERM');
    await lifecycleDb?.drop();
    await nats?.stop();
  });

  it("refuses, on the lifecycle's own port, a request that does not carry the gateway's valid assertion", async () => {
    const direct = (headers: Record<string, string>) =>
      fetch(`http://127.0.0.1:${lifecycle.port}/internal/reports/plan.csv`, { headers });
    const caller = { orgId: a.id, role: 'admin' as const, actor: 'user:mallory', correlationId: 'c-1' };
    const attempts = [
      {},
      { 'x-fleetward-caller': JSON.stringify(caller) },
      await callerAssertionHeaders(caller, 'inventory'),
      { 'x-fleetward-caller-assertion': await expiredCallerAssertion(caller, 'lifecycle') },
    ];
    for (const headers of attempts) {
      const res = await direct(headers);
      expect({ status: res.status, body: await res.json() }).toMatchObject({
        status: 403,
        body: { reason: 'CALLER_ASSERTION_INVALID' },
      });
    }
    const once = await callerAssertionHeaders(caller, 'lifecycle');
    expect((await direct(once)).status).toBe(200);
    expect((await direct(once)).status).toBe(403);
  });

  it("streams the plan as CSV, the caller's organisation only", async () => {
    const res = await get('/api/v1/reports/plan.csv', a.keys.viewer);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="plan.csv"');
    const lines = (await res.text()).trim().split('\n');
    expect(lines[0]).toMatch(/^item_id,device_id,device_name,site_id,device_type,vendor,model,reason/);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(',cam-1,');
    expect(lines[1]).toContain(',warranty-expiry,');

    const other = (await (await get('/api/v1/reports/plan.csv', b.keys.admin)).text()).trim().split('\n');
    expect(other).toHaveLength(1);
  });

  it('streams firmware compliance per site and the forecast with its query', async () => {
    const compliance = await get('/api/v1/reports/compliance.csv', a.keys.it);
    expect(compliance.status).toBe(200);
    const lines = (await compliance.text()).trim().split('\n');
    expect(lines[0]).toBe(
      'site_id,devices,current,behind,vulnerable,unsupported,unknown,noncompliant,compliant_pct,open_cves',
    );
    expect(lines.slice(1).map((l) => l.split(',').slice(0, 2).join(','))).toEqual(['store-214,1']);

    const forecast = await get('/api/v1/reports/forecast.csv?years=2&groupBy=reason', a.keys.ot);
    expect(forecast.status).toBe(200);
    const rows = (await forecast.text()).trim().split('\n');
    expect(rows[0]).toBe('policy,quarterStart,siteId,deviceType,reason,devices,cost,expectedOfflineDays');
    expect(rows.some((r) => r.startsWith('organisation,') && r.includes(',warranty-expiry,1,640,'))).toBe(true);
  });

  it('refuses a bad query, a role without reports:read and a missing credential at the gateway', async () => {
    const bad = await get('/api/v1/reports/forecast.csv?groupBy=colour', a.keys.admin);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { code: string }).code).toBe('VALIDATION_FAILED');
    expect((await get('/api/v1/reports/plan.csv?limit=5', a.keys.admin)).status).toBe(400);
    const denied = await get('/api/v1/reports/plan.csv', a.keys.integration);
    expect(denied.status).toBe(403);
    expect(((await denied.json()) as { code: string }).code).toBe('PERMISSION_DENIED');
    expect((await fetch(gw.url('/api/v1/reports/compliance.csv'))).status).toBe(401);
  });

  it("answers one device's compliance, and 404 for another organisation's device", async () => {
    const res = await get('/api/v1/devices/cam-1/compliance', a.keys.viewer);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ deviceId: 'cam-1', siteId: 'store-214', status: expect.any(String) });
    const other = await get('/api/v1/devices/cam-1/compliance', b.keys.admin);
    expect(other.status).toBe(404);
    expect(((await other.json()) as { code: string }).code).toBe('DEVICE_NOT_FOUND');
  });

  it('breaks compliance down per site and per model, and refuses an unknown grouping', async () => {
    const bySite = await get('/api/v1/compliance/breakdown', a.keys.viewer);
    expect(bySite.status).toBe(200);
    const { rows } = (await bySite.json()) as { rows: Array<{ siteId?: string; devices: number }> };
    expect(rows.map((r) => [r.siteId, r.devices])).toEqual([['store-214', 1]]);
    const byModel = (await (await get('/api/v1/compliance/breakdown?by=model', a.keys.viewer)).json()) as {
      rows: Array<{ vendor?: string; devices: number }>;
    };
    expect(byModel.rows).toHaveLength(1);
    expect(byModel.rows[0]).toMatchObject({ devices: 1, vendor: expect.any(String) });
    expect((await get('/api/v1/compliance/breakdown?by=country', a.keys.viewer)).status).toBe(400);
    const other = (await (await get('/api/v1/compliance/breakdown', b.keys.admin)).json()) as { rows: unknown[] };
    expect(other.rows).toEqual([]);
  });

  it('documents the report routes as text/csv with their permission', async () => {
    const doc = (await (await fetch(gw.url('/api/openapi.json'))).json()) as {
      paths: Record<
        string,
        { get?: { 'x-fleetward-permission'?: string; responses: Record<string, { content?: object }> } }
      >;
    };
    for (const report of ['plan', 'compliance', 'forecast']) {
      const op = doc.paths[`/api/v1/reports/${report}.csv`]?.get;
      expect(op?.['x-fleetward-permission']).toBe('reports:read');
      expect(Object.keys(op?.responses['200']?.content ?? {})).toContain('text/csv');
    }
    expect(doc.paths['/api/v1/devices/{id}/compliance']?.get?.['x-fleetward-permission']).toBe('compliance:read');
  });
});
