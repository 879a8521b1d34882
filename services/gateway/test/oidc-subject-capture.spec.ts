import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { uniqueId } from '@fleetward/platform/testing';
import { bearer, jsonHeaders, startGateway, type TestGateway, type TestOrg } from './support/gateway-app.js';
import { startIdp, type TestIdp } from './support/jwks-server.js';

/*
 * The probe's capture: organisation B copies A's issuer and audience and registers A's user's subject as its admin.
 * The issuer lookup had no order and the first organisation that knew the subject won, so after A re-saved its
 * settings the user's token signed in to B. An issuer + subject must resolve to exactly one organisation.
 */
describe('an OIDC subject registered in two organisations that trust the same issuer', () => {
  let gw: TestGateway;
  let idp: TestIdp;
  let a: TestOrg;
  let b: TestOrg;
  let issuer: string;
  const audience = 'fleetward-console';

  const put = (org: TestOrg, path: string, body: unknown, method = 'PUT') =>
    fetch(gw.url(path), { method, headers: jsonHeaders(org.keys.admin), body: JSON.stringify(body) });
  const configure = async (org: TestOrg) =>
    expect(
      (await put(org, '/api/v1/organisation/oidc', { oidc: { issuer, audience, jwksUrl: idp.jwksUrl } })).status,
    ).toBe(200);

  beforeAll(async () => {
    gw = await startGateway({ OIDC_ALLOWED_HOSTS: '127.0.0.1' });
    idp = await startIdp();
    // Ids in both orders around the victim, so whichever the lookup meets first, the test would see a capture.
    a = await gw.newOrg(uniqueId('org_m').replace(/[^A-Za-z0-9_-]/g, '_'));
    b = await gw.newOrg(uniqueId('org_a').replace(/[^A-Za-z0-9_-]/g, '_'));
    issuer = `https://idp.example.test/${uniqueId('shared')}`;
    await configure(a);
    expect((await put(a, '/api/v1/users', { subject: 'alice', role: 'ot' }, 'POST')).status).toBe(201);
  }, 60_000);
  afterAll(async () => {
    await gw?.close();
    await idp?.close();
  });

  it('refuses the sign-in and names the ambiguity, audited in both organisations, until one removes the user', async () => {
    const token = await idp.sign({ iss: issuer, aud: audience, sub: 'alice' });
    const signIn = () => fetch(gw.url('/api/v1/organisation'), { headers: bearer(token) });
    expect((await (await signIn()).json()).id).toBe(a.id);

    // B copies the settings and registers the subject as its admin; A then saves its settings again.
    await configure(b);
    const planted = await put(b, '/api/v1/users', { subject: 'alice', role: 'admin' }, 'POST');
    expect(planted.status).toBe(201);
    await configure(a);

    const res = await signIn();
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ code: 'OIDC_SUBJECT_AMBIGUOUS' });
    for (const org of [a, b]) {
      const rows: { code: string }[] = await gw.db.ownerDataSource.query(
        'SELECT code FROM audit_log WHERE org_id = $1 AND status = 401',
        [org.id],
      );
      expect(rows.map((r) => r.code)).toContain('JWT_SUBJECT_AMBIGUOUS');
    }

    // Once B no longer claims the subject, it resolves to A again, never to B.
    const { id } = (await planted.json()) as { id: string };
    expect(
      (await fetch(gw.url(`/api/v1/users/${id}`), { method: 'DELETE', headers: bearer(b.keys.admin) })).status,
    ).toBeLessThan(300);
    const after = await signIn();
    expect(after.status).toBe(200);
    expect((await after.json()).id).toBe(a.id);
  });
});
