import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { OpenAPIObject } from '@nestjs/swagger';
import { withOrg } from '@fleetward/platform';
import { bearer, jsonHeaders, startGateway, type TestGateway, type TestOrg } from './support/gateway-app.js';
import { documentedRoutes, fillPath } from './support/routes.js';

describe('tenancy: another organisation is invisible', () => {
  let gw: TestGateway;
  let a: TestOrg;
  let b: TestOrg;
  let bKeyId: string;
  let bUserId: string;

  beforeAll(async () => {
    gw = await startGateway();
    [a, b] = [await gw.newOrg(), await gw.newOrg()];
    const key = await fetch(gw.url('/api/v1/keys'), {
      method: 'POST',
      headers: jsonHeaders(b.keys.admin),
      body: JSON.stringify({ name: 'b key', role: 'viewer' }),
    });
    bKeyId = (await key.json()).id;
    const user = await fetch(gw.url('/api/v1/users'), {
      method: 'POST',
      headers: jsonHeaders(b.keys.admin),
      body: JSON.stringify({ subject: 'b-person', role: 'viewer' }),
    });
    bUserId = (await user.json()).id;
    await fetch(gw.url('/api/v1/users'), {
      method: 'POST',
      headers: jsonHeaders(a.keys.admin),
      body: JSON.stringify({ subject: 'a-person', role: 'it' }),
    });
  }, 60_000);
  afterAll(() => gw?.close());

  it("answers 404 on every gateway route that names one of another organisation's ids", async () => {
    const doc = (await (await fetch(gw.url('/api/openapi.json'))).json()) as OpenAPIObject;
    const owned: Record<string, string> = { '/api/v1/keys/': bKeyId, '/api/v1/users/': bUserId };
    const walked: string[] = [];
    for (const route of documentedRoutes(doc).filter((r) => r.path.includes('{id}'))) {
      const prefix = Object.keys(owned).find((p) => route.path.startsWith(p));
      // Domain routes pass the id to their service, which re-checks the caller's org (tested in each service).
      if (!prefix) continue;
      const hasBody = route.method === 'POST' || route.method === 'PATCH' || route.method === 'PUT';
      const res = await fetch(gw.url(fillPath(route.path, () => owned[prefix]!)), {
        method: route.method,
        headers: hasBody ? jsonHeaders(a.keys.admin) : bearer(a.keys.admin),
        body: hasBody ? JSON.stringify(route.method === 'PATCH' ? { role: 'admin' } : {}) : undefined,
      });
      expect({ route: `${route.method} ${route.path}`, status: res.status }).toEqual({
        route: `${route.method} ${route.path}`,
        status: 404,
      });
      expect((await res.json()).code).toBe('NOT_FOUND');
      walked.push(`${route.method} ${route.path}`);
    }
    expect(walked.sort()).toEqual([
      'DELETE /api/v1/users/{id}',
      'GET /api/v1/keys/{id}',
      'GET /api/v1/users/{id}',
      'PATCH /api/v1/users/{id}',
      'POST /api/v1/keys/{id}/revoke',
    ]);
    const [key] = await gw.db.ownerDataSource.query('SELECT revoked_at FROM api_key WHERE id = $1', [bKeyId]);
    expect(key.revoked_at).toBeNull();
    const [user] = await gw.db.ownerDataSource.query('SELECT role FROM app_user WHERE id = $1', [bUserId]);
    expect(user.role).toBe('viewer');
  });

  it("never lists another organisation's keys, users or audit rows", async () => {
    for (const path of ['/api/v1/keys', '/api/v1/users']) {
      const page = await (await fetch(gw.url(`${path}?limit=500`), { headers: bearer(a.keys.admin) })).json();
      expect(page.items.length).toBeGreaterThan(0);
      expect(JSON.stringify(page)).not.toContain(b.id);
      expect(page.items.map((i: { id: string }) => i.id)).not.toEqual(expect.arrayContaining([bKeyId]));
    }
    const audit = await (await fetch(gw.url('/api/v1/audit?limit=500'), { headers: bearer(a.keys.admin) })).json();
    expect(audit.items.length).toBeGreaterThan(0);
    expect(new Set(audit.items.map((i: { orgId: string }) => i.orgId))).toEqual(new Set([a.id]));
    const org = await (await fetch(gw.url('/api/v1/organisation'), { headers: bearer(a.keys.admin) })).json();
    expect(org.id).toBe(a.id);
  });

  it('refuses a key whose visible prefix is edited to claim another organisation', async () => {
    const forged = a.keys.admin.replace(`fwk.${a.id}.`, `fwk.${b.id}.`);
    expect((await fetch(gw.url('/api/v1/organisation'), { headers: bearer(forged) })).status).toBe(401);
  });

  it('keeps rows apart in Postgres too: the app role sees only the current organisation', async () => {
    const ds = gw.db.dataSource;
    expect(await ds.query('SELECT id FROM api_key')).toEqual([]);
    const seenByA: { org_id: string }[] = await withOrg(ds, a.id, (m) =>
      m.query('SELECT DISTINCT org_id FROM api_key'),
    );
    expect(seenByA).toEqual([{ org_id: a.id }]);
    await expect(
      withOrg(ds, a.id, (m) =>
        m.query(`INSERT INTO app_user (id, org_id, subject, role) VALUES ('x1', $1, 's', 'admin')`, [b.id]),
      ),
    ).rejects.toThrow(/row-level security/);
  });

  it('lets the app role insert and read audit rows but never change or delete them', async () => {
    const ds = gw.db.dataSource;
    const rows: { id: string }[] = await withOrg(ds, a.id, (m) => m.query('SELECT id FROM audit_log LIMIT 1'));
    expect(rows.length).toBe(1);
    await expect(withOrg(ds, a.id, (m) => m.query(`UPDATE audit_log SET actor = 'x'`))).rejects.toThrow(
      /permission denied/,
    );
    await expect(withOrg(ds, a.id, (m) => m.query('DELETE FROM audit_log'))).rejects.toThrow(/permission denied/);
    const [owner] = await ds.query(
      `SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = current_schema() AND tableowner = current_user`,
    );
    expect(owner.n).toBe(0);
  });
});
