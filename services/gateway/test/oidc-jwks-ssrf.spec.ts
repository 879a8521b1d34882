import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { expectEventually, uniqueId } from '@fleetward/platform/testing';
import { GuardedJwksFetch, JwksUrlRefused } from '../src/auth/jwks-fetch.js';
import { bearer, jsonHeaders, startGateway, type TestGateway, type TestOrg } from './support/gateway-app.js';
import { startIdp, type TestIdp } from './support/jwks-server.js';

/*
 * An organisation's OIDC `jwksUrl` is a tenant's setting that the gateway fetches from inside the installation: the
 * SSRF guard refuses internal addresses when the settings are saved and again when the key set is fetched.
 */
describe('OIDC key sets and the SSRF guard', () => {
  let gw: TestGateway;
  let idp: TestIdp;
  let org: TestOrg;
  const audience = 'fleetward-api';

  beforeAll(async () => {
    gw = await startGateway(); // no OIDC_ALLOWED_HOSTS: the loopback provider is internal
    idp = await startIdp();
    org = await gw.newOrg();
  }, 60_000);
  afterAll(async () => {
    await gw?.close();
    await idp?.close();
  });

  const save = (jwksUrl: string) =>
    fetch(gw.url('/api/v1/organisation/oidc'), {
      method: 'PUT',
      headers: jsonHeaders(org.keys.admin),
      body: JSON.stringify({ oidc: { issuer: 'https://idp.example.test/x', audience, jwksUrl } }),
    });

  it.each([
    'http://169.254.169.254/latest/meta-data/',
    'http://127.0.0.1:9/jwks',
    'http://10.0.0.5/jwks',
    'http://[::ffff:0:7f00:1]/jwks',
    'http://localhost/jwks',
  ])('refuses to save %s as a key-set URL', async (jwksUrl) => {
    const res = await save(jwksUrl);
    expect(res.status).toBe(400);
    expect((await res.json()).code).toBe('OIDC_JWKS_URL_REFUSED');
  });

  it('does not fetch a stored internal key-set URL (settings saved before the guard) and audits why', async () => {
    const issuer = `https://idp.example.test/${uniqueId('ssrf')}`;
    await gw.db.ownerDataSource.query(
      'UPDATE organisation SET oidc_issuer = $2, oidc_audience = $3, oidc_jwks_url = $4 WHERE id = $1',
      [org.id, issuer, audience, idp.jwksUrl],
    );
    await gw.db.ownerDataSource.query('INSERT INTO oidc_issuer (issuer, org_id) VALUES ($1, $2)', [issuer, org.id]);
    const token = await idp.sign({ iss: issuer, aud: audience, sub: 'alice' });
    const res = await fetch(gw.url('/api/v1/organisation'), { headers: bearer(token) });
    expect(res.status).toBe(401);
    expect(idp.requests()).toBe(0);
    await expectEventually(async () => {
      const rows: { code: string }[] = await gw.db.ownerDataSource.query(
        'SELECT code FROM audit_log WHERE org_id = $1 AND status = 401',
        [org.id],
      );
      expect(rows.map((r) => r.code)).toContain('JWT_JWKS_URL_REFUSED');
    });
  });

  it('refuses a public-looking name that resolves to an internal address, and connects when the host is allowed', async () => {
    const port = new URL(idp.jwksUrl).port;
    const url = `http://idp.internal.example.test:${port}/jwks`;
    const resolve = async () => [{ address: '127.0.0.1', family: 4 }];
    const guarded = new GuardedJwksFetch([], resolve);
    const allowed = new GuardedJwksFetch(['idp.internal.example.test'], resolve);
    try {
      const before = idp.requests();
      await expect(guarded.fetch(url, { method: 'GET' })).rejects.toBeInstanceOf(JwksUrlRefused);
      expect(idp.requests()).toBe(before);
      expect((await allowed.fetch(url, { method: 'GET' })).status).toBe(200);
      expect(idp.requests()).toBe(before + 1);
    } finally {
      await Promise.all([guarded.close(), allowed.close()]);
    }
  });
});
