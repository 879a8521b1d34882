import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { uniqueId } from '@fleetward/platform/testing';
import { bearer, startGateway, type TestGateway, type TestOrg } from './support/gateway-app.js';

/** The firmware catalog is shared by every organisation: only curator organisations' admin and it may change it. */
describe('firmware catalog curators (CATALOG_ORGS)', () => {
  let gw: TestGateway;
  let curator: TestOrg;
  let tenant: TestOrg;
  const curatorId = uniqueId('curator').replace(/[^A-Za-z0-9_-]/g, '_');

  beforeAll(async () => {
    gw = await startGateway({ CATALOG_ORGS: ` other_org, ${curatorId} ` });
    curator = await gw.newOrg(curatorId);
    tenant = await gw.newOrg();
  }, 60_000);
  afterAll(() => gw?.close());

  // An empty release fails validation (400) after the guard: a 400 proves the guard let the call through.
  const postRelease = (key: string) =>
    fetch(gw.url('/api/v1/firmware'), {
      method: 'POST',
      headers: bearer(key, { 'content-type': 'application/json' }),
      body: '{}',
    }).then(async (r) => ({ status: r.status, code: ((await r.json()) as { code?: string }).code }));

  it("lets a curator organisation's admin and it change the catalog", async () => {
    expect((await postRelease(curator.keys.admin)).status).toBe(400);
    expect((await postRelease(curator.keys.it)).status).toBe(400);
  });

  it("refuses another organisation's admin with a clear code, and audits it", async () => {
    expect(await postRelease(tenant.keys.admin)).toEqual({ status: 403, code: 'CATALOG_CURATOR_ONLY' });
    const audit = await fetch(gw.url('/api/v1/audit?limit=50'), { headers: bearer(tenant.keys.admin) });
    const items = ((await audit.json()) as { items: { code: string | null; result: string }[] }).items;
    expect(items).toContainEqual(expect.objectContaining({ code: 'CATALOG_CURATOR_ONLY', result: 'denied' }));
  });

  it('still needs the role: a curator organisation’s ot and viewer are refused', async () => {
    expect(await postRelease(curator.keys.ot)).toEqual({ status: 403, code: 'PERMISSION_DENIED' });
    expect(await postRelease(curator.keys.viewer)).toEqual({ status: 403, code: 'PERMISSION_DENIED' });
  });

  it('keeps baselines an organisation matter: a tenant admin may set its own', async () => {
    const r = await fetch(gw.url('/api/v1/firmware/baselines'), {
      method: 'PUT',
      headers: bearer(tenant.keys.admin, { 'content-type': 'application/json' }),
      body: '{}',
    });
    expect(r.status).toBe(400);
  });
});
