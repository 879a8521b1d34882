import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Subscription } from '@nats-io/transport-node';
import { InventoryRpc, Subjects, heartbeatBatchSchema, type HeartbeatBatch } from '@fleetward/contracts';
import { NatsClient } from '@fleetward/platform';
import { expectEventually, uniqueId } from '@fleetward/platform/testing';
import { fakeResponder } from './support/fake-responder.js';
import { jsonHeaders, startGateway, type TestGateway, type TestOrg } from './support/gateway-app.js';

describe('HTTP heartbeats onto NATS', () => {
  let gw: TestGateway;
  let org: TestOrg;
  let nats: NatsClient;
  let inventory: Subscription;
  let lookups = 0;
  const site = uniqueId('site');
  const token = uniqueId('tok').replace('_', '') + 'abcdefghij';
  const device = uniqueId('dev');

  const received: HeartbeatBatch[] = [];
  let hbSub: Subscription;

  beforeAll(async () => {
    gw = await startGateway();
    org = await gw.newOrg();
    nats = gw.app.get(NatsClient);
    inventory = fakeResponder(nats.nc, InventoryRpc.devicesByToken, (data) => {
      const { token: asked } = data as { token: string };
      if (asked !== token)
        return {
          ok: false,
          error: { code: 'NOT_FOUND', reason: 'DEVICE_TOKEN_UNKNOWN', message: 'no device has this token' },
        };
      lookups++;
      return { ok: true, data: { orgId: org.id, siteId: site, deviceId: device } };
    });
    hbSub = nats.nc.subscribe(Subjects.heartbeat(org.id, site), {
      callback: (_e, m) => received.push(heartbeatBatchSchema.parse(m.json())),
    });
    await nats.nc.flush();
  }, 60_000);
  afterAll(async () => {
    inventory?.unsubscribe();
    hbSub?.unsubscribe();
    await gw?.close();
  });

  it("publishes an integration's batch on its organisation's heartbeat subject", async () => {
    const ts = new Date().toISOString();
    const res = await fetch(gw.url('/api/v1/heartbeats'), {
      method: 'POST',
      headers: jsonHeaders(org.keys.integration),
      body: JSON.stringify({
        siteId: site,
        sentAt: ts,
        collectorId: 'c1',
        samples: [
          { deviceId: 'cam-1', ts },
          { deviceId: 'cam-2', ts, status: 'degraded', faults: ['tamper'] },
        ],
      }),
    });
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ accepted: 2 });
    await expectEventually(() => expect(received.some((b) => b.collectorId === 'c1')).toBe(true));
    const batch = received.find((b) => b.collectorId === 'c1')!;
    expect(batch).toMatchObject({ orgId: org.id, siteId: site });
    expect(batch.samples.map((s) => s.deviceId)).toEqual(['cam-1', 'cam-2']);
  });

  it('refuses a batch that names an organisation or breaks the heartbeat schema', async () => {
    const ts = new Date().toISOString();
    for (const body of [
      { orgId: 'other', siteId: site, sentAt: ts, samples: [{ deviceId: 'cam-1', ts }] },
      { siteId: site, sentAt: ts, samples: [] },
      { siteId: site, sentAt: ts, samples: [{ deviceId: 'cam-1', ts, status: 'degraded' }] },
    ]) {
      const res = await fetch(gw.url('/api/v1/heartbeats'), {
        method: 'POST',
        headers: jsonHeaders(org.keys.integration),
        body: JSON.stringify(body),
      });
      expect(res.status).toBe(400);
      expect((await res.json()).code).toBe('VALIDATION_FAILED');
    }
  });

  it('turns a device token URL (GET or POST) into a heartbeat of that device, caching the lookup', async () => {
    for (const method of ['GET', 'POST', 'GET']) {
      const res = await fetch(gw.url(`/hb/${token}`), { method });
      expect(res.status).toBe(202);
    }
    await expectEventually(() => expect(received.filter((b) => b.samples[0]?.deviceId === device)).toHaveLength(3));
    expect(received.find((b) => b.samples[0]?.deviceId === device)).toMatchObject({ orgId: org.id, siteId: site });
    expect(lookups).toBe(1);
  });

  it('answers 404 for an unknown or malformed token and reveals nothing', async () => {
    const unknown = await fetch(gw.url(`/hb/${uniqueId('nope')}xxxxxxxx`));
    expect(unknown.status).toBe(404);
    const body = await unknown.json();
    expect(body.code).toBe('NOT_FOUND');
    expect(JSON.stringify(body)).not.toMatch(/device|token|inventory/i);
    expect((await fetch(gw.url('/hb/short'), { method: 'POST' })).status).toBe(404);
  });
});
