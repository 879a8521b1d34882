import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { expectEventually } from '@fleetward/platform/testing';
import { withOrg } from '@fleetward/platform';
import { bearer, jsonHeaders, startGateway, type TestGateway, type TestOrg } from './support/gateway-app.js';

describe('API keys', () => {
  let gw: TestGateway;
  let org: TestOrg;

  beforeAll(async () => {
    gw = await startGateway();
    org = await gw.newOrg();
  }, 60_000);
  afterAll(() => gw?.close());

  it('refuses a request without a credential with 401 problem+json', async () => {
    const res = await fetch(gw.url('/api/v1/organisation'));
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(res.headers.get('www-authenticate')).toBe('Bearer');
    const body = await res.json();
    expect(body).toMatchObject({
      status: 401,
      code: 'UNAUTHENTICATED',
      title: 'Unauthorized',
      instance: '/api/v1/organisation',
    });
    expect(typeof body.correlationId).toBe('string');
  });

  it('shows a new key once, stores only its hash, and lists it by prefix', async () => {
    const created = await fetch(gw.url('/api/v1/keys'), {
      method: 'POST',
      headers: jsonHeaders(org.keys.admin),
      body: JSON.stringify({ name: 'ci', role: 'viewer' }),
    });
    expect(created.status).toBe(201);
    const key = await created.json();
    expect(key.key.startsWith(`${key.prefix}.`)).toBe(true);
    expect(key.prefix).toBe(`fwk.${org.id}.${key.id}`);

    const secret = key.key.split('.').pop();
    const [row] = await gw.db.ownerDataSource.query('SELECT secret_hash FROM api_key WHERE id = $1', [key.id]);
    expect(row.secret_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(row.secret_hash).not.toContain(secret);

    const list = await (await fetch(gw.url('/api/v1/keys?limit=500'), { headers: bearer(org.keys.admin) })).json();
    const listed = list.items.find((k: { id: string }) => k.id === key.id);
    expect(listed).toMatchObject({ prefix: key.prefix, role: 'viewer', revokedAt: null });
    expect(listed.key).toBeUndefined();
    expect(JSON.stringify(list)).not.toContain(secret);

    const me = await fetch(gw.url('/api/v1/organisation'), { headers: bearer(key.key) });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ id: org.id });
  });

  it('records the last use of a key without a write per request', async () => {
    const key = await (
      await fetch(gw.url('/api/v1/keys'), {
        method: 'POST',
        headers: jsonHeaders(org.keys.admin),
        body: JSON.stringify({ name: 'used', role: 'viewer' }),
      })
    ).json();
    for (let i = 0; i < 5; i++)
      expect((await fetch(gw.url('/api/v1/organisation'), { headers: bearer(key.key) })).status).toBe(200);
    await expectEventually(async () => {
      const [row] = await gw.db.ownerDataSource.query('SELECT last_used_at FROM api_key WHERE id = $1', [key.id]);
      expect(row.last_used_at).not.toBeNull();
    });
    const [first] = await gw.db.ownerDataSource.query('SELECT last_used_at FROM api_key WHERE id = $1', [key.id]);
    await fetch(gw.url('/api/v1/organisation'), { headers: bearer(key.key) });
    const [again] = await gw.db.ownerDataSource.query('SELECT last_used_at FROM api_key WHERE id = $1', [key.id]);
    expect(again.last_used_at).toEqual(first.last_used_at);
  });

  it('refuses a revoked key at once and an expired key', async () => {
    const key = await (
      await fetch(gw.url('/api/v1/keys'), {
        method: 'POST',
        headers: jsonHeaders(org.keys.admin),
        body: JSON.stringify({ name: 'tmp', role: 'it' }),
      })
    ).json();
    expect((await fetch(gw.url('/api/v1/organisation'), { headers: bearer(key.key) })).status).toBe(200);
    const revoked = await fetch(gw.url(`/api/v1/keys/${key.id}/revoke`), {
      method: 'POST',
      headers: bearer(org.keys.admin),
    });
    expect(revoked.status).toBe(200);
    expect((await revoked.json()).revokedAt).not.toBeNull();
    expect((await fetch(gw.url('/api/v1/organisation'), { headers: bearer(key.key) })).status).toBe(401);

    const soon = await (
      await fetch(gw.url('/api/v1/keys'), {
        method: 'POST',
        headers: jsonHeaders(org.keys.admin),
        body: JSON.stringify({ name: 'short', role: 'it', expiresAt: new Date(Date.now() + 60_000).toISOString() }),
      })
    ).json();
    expect((await fetch(gw.url('/api/v1/organisation'), { headers: bearer(soon.key) })).status).toBe(200);
    await withOrg(gw.db.ownerDataSource, org.id, (m) =>
      m.query(`UPDATE api_key SET expires_at = now() - interval '1 second' WHERE id = $1`, [soon.id]),
    );
    await expectEventually(
      async () => {
        expect((await fetch(gw.url('/api/v1/organisation'), { headers: bearer(soon.key) })).status).toBe(401);
      },
      { timeoutMs: 10_000 },
    );
  });

  it('refuses a key with a wrong secret, a malformed header and an unknown scheme, auditing each failure', async () => {
    const wrong = org.keys.viewer.replace(/\.[^.]+$/, '.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
    for (const headers of [bearer(wrong), { authorization: 'Basic abc' }, bearer('hello')]) {
      const res = await fetch(gw.url('/api/v1/organisation'), { headers });
      expect(res.status).toBe(401);
      expect((await res.json()).code).toBe('UNAUTHENTICATED');
    }
    const rows = await gw.db.ownerDataSource.query(
      `SELECT org_id, code, result, status FROM audit_log WHERE action = 'GET /api/v1/organisation' AND status = 401`,
    );
    expect(rows).toEqual(
      expect.arrayContaining([
        { org_id: org.id, code: 'API_KEY_UNKNOWN', result: 'failure', status: 401 },
        { org_id: '_unknown', code: 'AUTH_HEADER_MALFORMED', result: 'failure', status: 401 },
        { org_id: '_unknown', code: 'CREDENTIAL_UNRECOGNISED', result: 'failure', status: 401 },
      ]),
    );
  });

  it('rejects unknown body fields, so a body cannot choose the organisation', async () => {
    const res = await fetch(gw.url('/api/v1/keys'), {
      method: 'POST',
      headers: jsonHeaders(org.keys.admin),
      body: JSON.stringify({ name: 'sneaky', role: 'admin', orgId: 'someone_else' }),
    });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.code).toBe('VALIDATION_FAILED');
    expect(JSON.stringify(body.errors)).toContain('orgId');
  });
});
