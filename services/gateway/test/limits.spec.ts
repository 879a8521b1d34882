import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { NatsClient } from '@fleetward/platform';
import { bearer, jsonHeaders, startGateway, type TestGateway, type TestOrg } from './support/gateway-app.js';
import { silentRpc, UnansweredRouteModule } from './support/unanswered-route.module.js';

describe('limits: rate, body size, paging, unanswered services', () => {
  let gw: TestGateway;
  let org: TestOrg;

  beforeAll(async () => {
    gw = await startGateway(
      { RATE_LIMIT_MAX: '20', RATE_LIMIT_WINDOW_SECONDS: '60', BODY_LIMIT_BYTES: '2048', RPC_TIMEOUT_MS: '300' },
      [UnansweredRouteModule],
    );
    org = await gw.newOrg();
  }, 60_000);
  afterAll(() => gw?.close());

  it('answers 429 with Retry-After once a key spends its budget, counted across replicas', async () => {
    const replica = await gw.replica();
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 20; i++) {
        const base = i % 2 === 0 ? gw.url : replica.url;
        statuses.push((await fetch(base('/api/v1/organisation'), { headers: bearer(org.keys.viewer) })).status);
      }
      expect(statuses).toEqual(Array(20).fill(200));
      const limited = await fetch(replica.url('/api/v1/organisation'), { headers: bearer(org.keys.viewer) });
      expect(limited.status).toBe(429);
      const retryAfter = Number(limited.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(60);
      expect((await limited.json()).code).toBe('RATE_LIMITED');
      expect((await fetch(gw.url('/api/v1/organisation'), { headers: bearer(org.keys.it) })).status).toBe(200);
    } finally {
      await replica.close();
    }
  });

  it('refuses a body over the limit with 413 problem+json and malformed JSON with 400', async () => {
    const big = await fetch(gw.url('/api/v1/users'), {
      method: 'POST',
      headers: jsonHeaders(org.keys.admin),
      body: JSON.stringify({ subject: 'x'.repeat(4000), role: 'viewer' }),
    });
    expect(big.status).toBe(413);
    expect(big.headers.get('content-type')).toMatch(/problem\+json/);
    expect((await big.json()).code).toBe('PAYLOAD_TOO_LARGE');
    const broken = await fetch(gw.url('/api/v1/users'), {
      method: 'POST',
      headers: jsonHeaders(org.keys.admin),
      body: '{"subject":',
    });
    expect(broken.status).toBe(400);
    expect((await broken.json()).code).toBe('MALFORMED_BODY');
  });

  it('answers 503 with a clear message when a service does not answer in time, or is not there at all', async () => {
    const nc = gw.app.get(NatsClient).nc;
    let received = 0;
    const mute = nc.subscribe(silentRpc.pattern, { callback: () => received++ });
    await nc.flush();
    try {
      const key = (await gw.newOrg()).keys.it;
      const started = Date.now();
      const silent = await fetch(gw.url('/api/v1/test-only/silent'), { headers: bearer(key) });
      expect(silent.status).toBe(503);
      const body = await silent.json();
      expect(body).toMatchObject({ code: 'SERVICE_UNAVAILABLE', service: 'silent' });
      expect(body.detail).toMatch(/silent service did not answer in time/);
      expect(Date.now() - started).toBeLessThan(3000);
      expect(received).toBe(1);

      const absent = await fetch(gw.url('/api/v1/test-only/absent'), { headers: bearer(key) });
      expect(absent.status).toBe(503);
      expect(await absent.json()).toMatchObject({ code: 'SERVICE_UNAVAILABLE', service: 'absent' });
    } finally {
      mute.unsubscribe();
    }
  });

  it('pages with an opaque cursor, clamps large limits and refuses a zero limit', async () => {
    org = await gw.newOrg();
    for (let i = 0; i < 3; i++) {
      await fetch(gw.url('/api/v1/users'), {
        method: 'POST',
        headers: jsonHeaders(org.keys.admin),
        body: JSON.stringify({ subject: `p${i}`, role: 'viewer' }),
      });
    }
    const first = await (await fetch(gw.url('/api/v1/users?limit=2'), { headers: bearer(org.keys.admin) })).json();
    expect(first.items).toHaveLength(2);
    expect(typeof first.nextCursor).toBe('string');
    const second = await (
      await fetch(gw.url(`/api/v1/users?limit=2&cursor=${first.nextCursor}`), { headers: bearer(org.keys.admin) })
    ).json();
    expect(second.items).toHaveLength(1);
    expect(second.nextCursor).toBeNull();
    const subjects = [...first.items, ...second.items].map((u: { subject: string }) => u.subject).sort();
    expect(subjects).toEqual(['p0', 'p1', 'p2']);
    expect((await fetch(gw.url('/api/v1/users?limit=100000'), { headers: bearer(org.keys.admin) })).status).toBe(200);
    expect((await fetch(gw.url('/api/v1/users?limit=0'), { headers: bearer(org.keys.admin) })).status).toBe(400);
    const bad = await fetch(gw.url('/api/v1/users?cursor=nonsense'), { headers: bearer(org.keys.admin) });
    expect((await bad.json()).code).toBe('INVALID_CURSOR');
  });
});
