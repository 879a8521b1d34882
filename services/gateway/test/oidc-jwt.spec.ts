import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { uniqueId } from '@fleetward/platform/testing';
import { bearer, jsonHeaders, startGateway, type TestGateway, type TestOrg } from './support/gateway-app.js';
import { startIdp, unsecuredJwt, type TestIdp } from './support/jwks-server.js';

describe('OIDC bearer JWTs per organisation', () => {
  let gw: TestGateway;
  let idp: TestIdp;
  let org: TestOrg;
  let issuer: string;
  const audience = 'fleetward-api';
  const now = () => Math.floor(Date.now() / 1000);

  const status = async (token: string, path = '/api/v1/organisation', init: RequestInit = {}) =>
    (await fetch(gw.url(path), { ...init, headers: { ...(init.headers as Record<string, string>), ...bearer(token) } }))
      .status;

  beforeAll(async () => {
    gw = await startGateway({ OIDC_ALLOWED_HOSTS: '127.0.0.1' }); // the test's provider listens on loopback
    idp = await startIdp();
    org = await gw.newOrg();
    issuer = `https://idp.example.test/${uniqueId('tenant')}`;
    const set = await fetch(gw.url('/api/v1/organisation/oidc'), {
      method: 'PUT',
      headers: jsonHeaders(org.keys.admin),
      body: JSON.stringify({ oidc: { issuer, audience, jwksUrl: idp.jwksUrl } }),
    });
    expect(set.status).toBe(200);
    const user = await fetch(gw.url('/api/v1/users'), {
      method: 'POST',
      headers: jsonHeaders(org.keys.admin),
      body: JSON.stringify({ subject: 'alice', email: 'alice@example.test', role: 'ot' }),
    });
    expect(user.status).toBe(201);
  }, 60_000);
  afterAll(async () => {
    await gw?.close();
    await idp?.close();
  });

  it("accepts a token from the organisation's provider and applies the user's role", async () => {
    const token = await idp.sign({ iss: issuer, aud: audience, sub: 'alice' });
    const res = await fetch(gw.url('/api/v1/organisation'), { headers: bearer(token) });
    expect(res.status).toBe(200);
    expect((await res.json()).id).toBe(org.id);
    const write = await fetch(gw.url('/api/v1/keys'), {
      method: 'POST',
      headers: jsonHeaders(token),
      body: JSON.stringify({ name: 'x', role: 'admin' }),
    });
    expect(write.status).toBe(403);
    expect((await write.json()).code).toBe('PERMISSION_DENIED');
  });

  it('rejects alg none, expired, wrong issuer, wrong audience, a foreign signature and an unknown subject with 401', async () => {
    const cases: Record<string, string> = {
      none: unsecuredJwt({ iss: issuer, aud: audience, sub: 'alice', exp: now() + 300 }),
      expired: await idp.sign({ iss: issuer, aud: audience, sub: 'alice' }, { expiresIn: now() - 60 }),
      issuer: await idp.sign({ iss: `${issuer}-other`, aud: audience, sub: 'alice' }),
      audience: await idp.sign({ iss: issuer, aud: 'someone-else', sub: 'alice' }),
      signature: await idp.sign({ iss: issuer, aud: audience, sub: 'alice' }, { key: 'untrusted' }),
      subject: await idp.sign({ iss: issuer, aud: audience, sub: 'mallory' }),
    };
    const statuses = Object.fromEntries(
      await Promise.all(Object.entries(cases).map(async ([k, t]) => [k, await status(t)])),
    );
    expect(statuses).toEqual({ none: 401, expired: 401, issuer: 401, audience: 401, signature: 401, subject: 401 });

    const rows: { code: string }[] = await gw.db.ownerDataSource.query(
      `SELECT code FROM audit_log WHERE status = 401 AND org_id = $1`,
      [org.id],
    );
    expect(rows.map((r) => r.code)).toEqual(
      expect.arrayContaining(['JWT_EXPIRED', 'JWT_CLAIM_AUD', 'JWT_BAD_SIGNATURE', 'JWT_USER_NOT_REGISTERED']),
    );
  });

  it('stops accepting tokens once the organisation switches OIDC off', async () => {
    const token = await idp.sign({ iss: issuer, aud: audience, sub: 'alice' });
    expect(await status(token)).toBe(200);
    const off = await fetch(gw.url('/api/v1/organisation/oidc'), {
      method: 'PUT',
      headers: jsonHeaders(org.keys.admin),
      body: JSON.stringify({ oidc: null }),
    });
    expect(off.status).toBe(200);
    expect(await status(token)).toBe(401);
  });
});
