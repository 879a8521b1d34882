import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import path from 'node:path';
import { fixtures } from '@fleetward/contracts/testing';
import { InventoryRpc, type Caller, type EventEnvelope } from '@fleetward/contracts';
import { NatsClient } from '@fleetward/platform';
import {
  buildProject,
  ensureStreams,
  builtMigrations,
  expectEventually,
  startPrivateNats,
  type PrivateNats,
  startServiceProcess,
  testDatabase,
  uniqueId,
  type ServiceProcess,
  type TestDatabase,
} from '@fleetward/platform/testing';
import type { Subscription } from '@nats-io/transport-node';
import { fakeResponder } from './support/fake-responder.js';
import { bearer, jsonHeaders, startGateway, type TestGateway, type TestOrg } from './support/gateway-app.js';

const notifierDir = path.resolve(import.meta.dirname, '../../notifier');

/** The gateway in-process and the real notifier as a child process (its own schema, queue prefix and NATS). */
describe('notifier routes through the gateway', () => {
  let gw: TestGateway;
  let nats: PrivateNats;
  let notifierDb: TestDatabase;
  let notifier: ServiceProcess;
  let a: TestOrg;
  let b: TestOrg;
  let incidentId: string;
  let inventory: Subscription;

  const publish = async (e: EventEnvelope) => {
    await gw.app
      .get(NatsClient)
      .js.publish(`fleet.evt.${e.orgId}.${e.type}.v${e.version}`, JSON.stringify(e), { msgID: e.id });
  };
  const post = (url: string, key: string, body: unknown) =>
    fetch(gw.url(url), { method: 'POST', headers: jsonHeaders(key), body: JSON.stringify(body) });
  const get = (url: string, key: string) => fetch(gw.url(url), { headers: bearer(key) });

  beforeAll(async () => {
    buildProject(notifierDir);
    // Its own nats-server: RPC subjects are shared by every notifier on a NATS (one queue group), so on the shared
    // server another test's notifier would answer some of these calls from its own schema.
    nats = await startPrivateNats();
    await ensureStreams({ url: nats.url });
    gw = await startGateway({ NATS_URL: nats.url });
    notifierDb = await testDatabase({ migrations: await builtMigrations(notifierDir) });
    notifier = await startServiceProcess(
      path.join(notifierDir, 'dist/main.js'),
      {
        DATABASE_URL: notifierDb.appUrl,
        DB_SCHEMA: notifierDb.schema,
        NATS_URL: nats.url,
        PORT: '0',
        LOG_LEVEL: 'info',
      },
      60_000,
    );
    [a, b] = [await gw.newOrg(), await gw.newOrg()];
    // The inventory's stand-in: organisation a owns site-1 (maintenance windows name sites the inventory knows).
    inventory = fakeResponder(gw.app.get(NatsClient).nc, InventoryRpc.sitesGet, (data) => {
      const { caller, id } = data as { caller: Caller; id: string };
      return caller.orgId === a.id && id === 'site-1'
        ? { ok: true, data: { id } }
        : { ok: false, error: { code: 'NOT_FOUND', reason: 'SITE_NOT_FOUND', message: 'no such site' } };
    });
    await publish(fixtures.deviceOffline({ orgId: a.id, overrides: { deviceId: 'cam-1', deviceName: 'Door cam 1' } }));
    await expectEventually(
      async () => {
        const res = await get('/api/v1/incidents?status=open&kind=device-offline', a.keys.ot);
        const page = (await res.json()) as { items?: { id: string; deviceId: string }[] };
        expect({ status: res.status, devices: page.items?.map((i) => i.deviceId) ?? page }).toEqual({
          status: 200,
          devices: ['cam-1'],
        });
        incidentId = page.items![0]!.id;
      },
      { timeoutMs: 45_000 },
    );
  }, 180_000);
  afterAll(async () => {
    inventory?.unsubscribe();
    await notifier?.stop('SIGTERM');
    await gw?.close();
    await notifierDb?.drop();
    await nats?.stop();
  });

  it('lists with filters and cursor paging, and shows one incident with its log', async () => {
    const none = await get(`/api/v1/incidents?siteId=${uniqueId('site')}`, a.keys.viewer);
    expect(await none.json()).toEqual({ items: [], nextCursor: null });
    const page = await get('/api/v1/incidents?limit=1', a.keys.viewer);
    expect(page.status).toBe(200);
    expect((await page.json()).items).toHaveLength(1);
    const one = await get(`/api/v1/incidents/${incidentId}`, a.keys.viewer);
    expect(one.status).toBe(200);
    expect(await one.json()).toMatchObject({ id: incidentId, kind: 'device-offline', log: expect.any(Array) });
  });

  it('refuses unknown query and body fields with 400', async () => {
    const query = await get('/api/v1/incidents?orgId=someone-else', a.keys.ot);
    expect({ status: query.status, code: (await query.json()).code }).toEqual({
      status: 400,
      code: 'VALIDATION_FAILED',
    });
    const body = await post(`/api/v1/incidents/${incidentId}/acknowledge`, a.keys.ot, { note: 'on it', by: 'someone' });
    expect({ status: body.status, code: (await body.json()).code }).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
  });

  it("answers 404 for another organisation's incident and for ids that cannot exist", async () => {
    for (const key of [b.keys.admin, b.keys.ot]) {
      expect((await get(`/api/v1/incidents/${incidentId}`, key)).status).toBe(404);
      expect((await post(`/api/v1/incidents/${incidentId}/acknowledge`, key, {})).status).toBe(404);
    }
    expect((await get('/api/v1/incidents/not-a-uuid', a.keys.ot)).status).toBe(404);
  });

  it('lets ot acknowledge, not viewer, and audits both', async () => {
    const denied = await post(`/api/v1/incidents/${incidentId}/acknowledge`, a.keys.viewer, { note: 'mine' });
    expect({ status: denied.status, code: (await denied.json()).code }).toEqual({
      status: 403,
      code: 'PERMISSION_DENIED',
    });

    const ack = await post(`/api/v1/incidents/${incidentId}/acknowledge`, a.keys.ot, { note: 'truck on the way' });
    expect(ack.status).toBe(200);
    const acked = await ack.json();
    expect(acked).toMatchObject({ id: incidentId, status: 'acknowledged', ackNote: 'truck on the way' });
    expect(acked.acknowledgedBy).toMatch(/^key:/);

    const again = await post(`/api/v1/incidents/${incidentId}/acknowledge`, a.keys.ot, {});
    expect({ status: again.status, code: (await again.json()).code }).toEqual({
      status: 409,
      code: 'INCIDENT_NOT_OPEN',
    });

    const audit = await get(`/api/v1/audit?target=${incidentId}`, a.keys.admin);
    const rows = ((await audit.json()) as { items: { action: string; result: string; role: string; status: number }[] })
      .items;
    // The 400 is the unknown-field body of the test before: refused writes are audited too.
    expect(rows.map((r) => `${r.role} ${r.result} ${r.status}`).sort()).toEqual([
      'ot failure 400',
      'ot failure 409',
      'ot success 200',
      'viewer denied 403',
    ]);
    expect(new Set(rows.map((r) => r.action))).toEqual(new Set(['POST /api/v1/incidents/:id/acknowledge']));

    const resolved = await post(`/api/v1/incidents/${incidentId}/resolve`, a.keys.ot, { note: 'cable replaced' });
    expect(await resolved.json()).toMatchObject({ status: 'resolved', resolvedHow: 'manual' });
  });

  it('refuses unsafe webhook URLs with UNSAFE_URL, and only an admin may allow-list a host', async () => {
    for (const target of ['http://169.254.169.254/latest/meta-data', 'http://127.0.0.1:9/hook', 'file:///etc/passwd']) {
      const res = await post('/api/v1/channels', a.keys.it, { name: uniqueId('hook'), type: 'webhook', target });
      expect({ target, status: res.status, code: (await res.json()).code }).toEqual({
        target,
        status: 400,
        code: 'UNSAFE_URL',
      });
    }
    const itTry = await post('/api/v1/webhook-allowed-hosts', a.keys.it, { host: '127.0.0.1' });
    expect(itTry.status).toBe(403);
    expect((await post('/api/v1/webhook-allowed-hosts', a.keys.admin, { host: '127.0.0.1' })).status).toBe(201);
    const created = await post('/api/v1/channels', a.keys.it, {
      name: 'local',
      type: 'webhook',
      target: 'http://127.0.0.1:9/hook',
    });
    expect(created.status).toBe(201);
    const channel = await created.json();
    expect(channel.secret).toEqual(expect.any(String));
    const listed = await (await get('/api/v1/channels', a.keys.viewer)).json();
    expect(listed.items.map((c: { id: string; secret?: string }) => [c.id, c.secret])).toEqual([
      [channel.id, undefined],
    ]);
    const rotated = await post(`/api/v1/channels/${channel.id}/rotate-secret`, a.keys.it, {});
    expect(await rotated.json()).toMatchObject({ id: channel.id, secretCount: 2 });
    const gone = await fetch(gw.url('/api/v1/webhook-allowed-hosts/127.0.0.1'), {
      method: 'DELETE',
      headers: bearer(a.keys.admin),
    });
    expect(gone.status).toBe(204);
    expect((await (await get('/api/v1/webhook-allowed-hosts', a.keys.admin)).json()).items).toEqual([]);
  });

  it('manages rules and maintenance windows and lists dead letters', async () => {
    const channel = await (
      await post('/api/v1/channels', a.keys.it, { name: 'ot mail', type: 'email', target: 'ot@example.com' })
    ).json();
    const rule = await post('/api/v1/alert-rules', a.keys.it, { name: 'all', channelIds: [channel.id] });
    expect(rule.status).toBe(201);
    const ruleId = (await rule.json()).id;
    expect((await post('/api/v1/alert-rules', a.keys.ot, { name: 'mine', channelIds: [channel.id] })).status).toBe(403);
    const rules = await (await get('/api/v1/alert-rules', a.keys.viewer)).json();
    expect(rules.items.map((r: { id: string }) => r.id)).toEqual([ruleId]);

    const window = await post('/api/v1/maintenance-windows', a.keys.ot, {
      scope: 'site',
      targetId: 'site-1',
      startsAt: new Date(Date.now() + 3_600_000).toISOString(),
      endsAt: new Date(Date.now() + 7_200_000).toISOString(),
      reason: 'camera swap',
    });
    expect(window.status).toBe(201);
    const windowId = (await window.json()).id;
    const windows = await (await get('/api/v1/maintenance-windows?targetId=site-1', a.keys.viewer)).json();
    expect(windows.items.map((w: { id: string }) => w.id)).toEqual([windowId]);
    const cancel = await fetch(gw.url(`/api/v1/maintenance-windows/${windowId}`), {
      method: 'DELETE',
      headers: bearer(a.keys.ot),
    });
    expect(cancel.status).toBe(204);

    const dead = await get('/api/v1/deliveries?status=dead', a.keys.viewer);
    expect({ status: dead.status, body: await dead.json() }).toEqual({
      status: 200,
      body: { items: [], nextCursor: null },
    });
    expect((await get('/api/v1/deliveries?status=lost', a.keys.viewer)).status).toBe(400);
  });
});
