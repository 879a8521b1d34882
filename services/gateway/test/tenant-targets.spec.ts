import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Subscription } from '@nats-io/transport-node';
import { randomUUID } from 'node:crypto';
import { InventoryRpc, LifecycleRpc, NotifierRpc, type Caller } from '@fleetward/contracts';
import { NatsClient } from '@fleetward/platform';
import { ensureStreams, startPrivateNats, type PrivateNats } from '@fleetward/platform/testing';
import { fakeResponder } from './support/fake-responder.js';
import { jsonHeaders, startGateway, type TestGateway, type TestOrg } from './support/gateway-app.js';

/*
 * Maintenance windows, replacement policies and alert rules name sites and devices that the inventory owns: one of
 * another organisation's ids is refused (400, as if it did not exist) and never reaches the notifier or lifecycle.
 * Services are stand-ins on a private NATS: the inventory knows one site and one device of each organisation.
 */
describe("requests naming another organisation's sites or devices", () => {
  let nats: PrivateNats;
  let gw: TestGateway;
  let a: TestOrg;
  let b: TestOrg;
  const subs: Subscription[] = [];
  const stored: string[] = [];
  const owned = new Map<string, string>(); // site or device id -> organisation

  const notFound = { ok: false, error: { code: 'NOT_FOUND', reason: 'NOT_FOUND', message: 'no such thing' } };
  const lookup = (data: unknown) => {
    const { caller, id } = data as { caller: Caller; id: string };
    return owned.get(id) === caller.orgId ? { ok: true, data: { id } } : notFound;
  };
  const store = (what: string) => (data: unknown) => {
    stored.push(what);
    return { ok: true, data: { id: randomUUID(), echo: data } };
  };

  beforeAll(async () => {
    nats = await startPrivateNats();
    await ensureStreams({ url: nats.url });
    gw = await startGateway({ NATS_URL: nats.url });
    [a, b] = [await gw.newOrg(), await gw.newOrg()];
    owned.set('site-a', a.id).set('site-b', b.id).set('11111111-1111-4111-8111-111111111111', a.id);
    owned.set('22222222-2222-4222-8222-222222222222', b.id);
    const nc = gw.app.get(NatsClient).nc;
    subs.push(
      fakeResponder(nc, InventoryRpc.sitesGet, lookup),
      fakeResponder(nc, InventoryRpc.devicesGet, lookup),
      fakeResponder(nc, NotifierRpc.maintenanceCreate, store('window')),
      fakeResponder(nc, NotifierRpc.rulesCreate, store('rule')),
      fakeResponder(nc, LifecycleRpc.policiesPut, store('policy')),
    );
    await nc.flush();
  }, 60_000);
  afterAll(async () => {
    for (const s of subs) s.unsubscribe();
    await gw?.close();
    await nats?.stop();
  });

  const send = (method: string, path: string, body: unknown) =>
    fetch(gw.url(path), { method, headers: jsonHeaders(a.keys.admin), body: JSON.stringify(body) });
  const window = (scope: 'site' | 'device', targetId: string) => ({
    scope,
    targetId,
    startsAt: new Date(Date.now() + 3_600_000).toISOString(),
    endsAt: new Date(Date.now() + 7_200_000).toISOString(),
  });

  it('refuses them with 400 and stores nothing; accepts the organisation’s own', async () => {
    const refused = [
      ['POST', '/api/v1/maintenance-windows', window('site', 'site-b'), 'SITE_NOT_FOUND'],
      [
        'POST',
        '/api/v1/maintenance-windows',
        window('device', '22222222-2222-4222-8222-222222222222'),
        'DEVICE_NOT_FOUND',
      ],
      ['PUT', '/api/v1/replacement-policies', { siteId: 'site-b', kind: 'warranty-expiry' }, 'SITE_NOT_FOUND'],
      [
        'POST',
        '/api/v1/alert-rules',
        { name: 'r', channelIds: ['33333333-3333-4333-8333-333333333333'], match: { siteIds: ['site-a', 'site-b'] } },
        'SITE_NOT_FOUND',
      ],
    ] as const;
    for (const [method, path, body, code] of refused) {
      const res = await send(method, path, body);
      expect({ path, status: res.status, code: (await res.json()).code }).toEqual({ path, status: 400, code });
    }
    expect(stored).toEqual([]);

    const accepted = [
      ['POST', '/api/v1/maintenance-windows', window('site', 'site-a')],
      ['POST', '/api/v1/maintenance-windows', window('device', '11111111-1111-4111-8111-111111111111')],
      ['PUT', '/api/v1/replacement-policies', { siteId: 'site-a', kind: 'warranty-expiry' }],
      [
        'POST',
        '/api/v1/alert-rules',
        { name: 'r', channelIds: ['33333333-3333-4333-8333-333333333333'], match: { siteIds: ['site-a'] } },
      ],
    ] as const;
    for (const [method, path, body] of accepted) expect((await send(method, path, body)).status).toBeLessThan(300);
    expect(stored).toEqual(['window', 'window', 'policy', 'rule']);
  });
});
