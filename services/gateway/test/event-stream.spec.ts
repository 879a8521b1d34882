import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { Subjects } from '@fleetward/contracts';
import { NatsClient } from '@fleetward/platform';
import { expectEventually, uniqueId } from '@fleetward/platform/testing';
import { bearer, startGateway, type TestGateway, type TestOrg } from './support/gateway-app.js';
import { SseClient } from './support/sse-client.js';

describe('live events over SSE', () => {
  let gw: TestGateway;
  let org: TestOrg;
  let other: TestOrg;
  let nats: NatsClient;
  const s1 = uniqueId('site');
  const s2 = uniqueId('site');
  const clients: SseClient[] = [];

  async function publish(orgId: string, type: string, siteId: string, deviceId: string): Promise<string> {
    const id = randomUUID();
    const envelope = {
      id,
      type,
      version: 1,
      occurredAt: new Date().toISOString(),
      orgId,
      correlationId: id,
      source: 'test',
      data: { deviceId, siteId },
    };
    await nats.js.publish(Subjects.event(orgId, type, 1), JSON.stringify(envelope), { msgID: id });
    return id;
  }

  async function open(query: string, headers: Record<string, string> = {}): Promise<SseClient> {
    const client = await SseClient.open(gw.url(`/api/v1/events/stream${query}`), {
      ...bearer(org.keys.viewer),
      ...headers,
    });
    clients.push(client);
    await expectEventually(() => expect(client.messages.some((m) => m.comment === 'connected')).toBe(true));
    return client;
  }

  beforeAll(async () => {
    gw = await startGateway({ SSE_HEARTBEAT_MS: '200' });
    [org, other] = [await gw.newOrg(), await gw.newOrg()];
    nats = gw.app.get(NatsClient);
  }, 60_000);
  afterAll(async () => {
    for (const c of clients) c.close();
    await gw?.close();
  });

  it("streams only the caller's organisation's events, filtered by type and site, with keep-alive comments", async () => {
    const client = await open(`?types=device.offline&siteIds=${s1}`);
    expect(client.status).toBe(200);
    await publish(org.id, 'device.online', s1, 'd-online');
    await publish(org.id, 'device.offline', s2, 'd-other-site');
    await publish(other.id, 'device.offline', s1, 'd-other-org');
    const wanted = await publish(org.id, 'device.offline', s1, 'd-wanted');
    await expectEventually(() => expect(client.events.length).toBeGreaterThanOrEqual(1));
    expect(client.events).toHaveLength(1);
    const [event] = client.events;
    expect(event!.event).toBe('device.offline');
    expect(event!.id).toMatch(/^\d+$/);
    expect(JSON.parse(event!.data!)).toMatchObject({ id: wanted, orgId: org.id, data: { deviceId: 'd-wanted' } });
    await expectEventually(() => expect(client.messages.some((m) => m.comment === 'keep-alive')).toBe(true));
  });

  it('resumes after the Last-Event-ID on reconnect', async () => {
    const first = await open(`?siteIds=${s2}`);
    await publish(org.id, 'device.offline', s2, 'r1');
    await expectEventually(() => expect(first.events).toHaveLength(1));
    const lastId = first.events[0]!.id!;
    first.close();

    await publish(org.id, 'device.online', s2, 'r2');
    await publish(org.id, 'device.degraded', s2, 'r3');
    const resumed = await open(`?siteIds=${s2}`, { 'last-event-id': lastId });
    await expectEventually(() => expect(resumed.events).toHaveLength(2));
    expect(resumed.events.map((e) => JSON.parse(e.data!).data.deviceId)).toEqual(['r2', 'r3']);
    expect(Number(resumed.events[0]!.id)).toBeGreaterThan(Number(lastId));
  });
});
