import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { OpenAPIObject } from '@nestjs/swagger';
import { roleHasPermission, permissions, rolePermissions, type Permission } from '../src/auth/permissions.js';
import { bearer, roles, startGateway, type TestGateway, type TestOrg } from './support/gateway-app.js';
import { documentedRoutes, fillPath, type DocumentedRoute } from './support/routes.js';

/** Sends the request and returns the status; a streaming answer (SSE) is cut off once its status is known. */
async function statusOf(
  gw: TestGateway,
  route: DocumentedRoute,
  key: string,
): Promise<{ status: number; code?: string }> {
  const abort = new AbortController();
  const hasBody = !['GET', 'DELETE'].includes(route.method);
  const res = await fetch(gw.url(fillPath(route.path, () => 'matrix_missing_id')), {
    method: route.method,
    headers: bearer(key, hasBody ? { 'content-type': 'application/json' } : {}),
    body: hasBody ? '{}' : undefined,
    signal: abort.signal,
  });
  const type = res.headers.get('content-type') ?? '';
  const code = type.includes('json') ? ((await res.json()) as { code?: string }).code : undefined;
  abort.abort();
  return { status: res.status, code };
}

describe('permission matrix on every route', () => {
  let gw: TestGateway;
  let org: TestOrg;
  let routes: DocumentedRoute[];

  beforeAll(async () => {
    gw = await startGateway({ RATE_LIMIT_MAX: '100000', RPC_TIMEOUT_MS: '300' });
    org = await gw.newOrg();
    const doc = (await (await fetch(gw.url('/api/openapi.json'))).json()) as OpenAPIObject;
    routes = documentedRoutes(doc);
  }, 60_000);
  afterAll(() => gw?.close());

  it('gives admin every permission and each other role a fixed set', () => {
    expect([...rolePermissions.admin].sort()).toEqual([...permissions].sort());
    expect(roleHasPermission('viewer', 'devices:write')).toBe(false);
    expect(roleHasPermission('ot', 'incidents:ack')).toBe(true);
    expect(roleHasPermission('it', 'keys:manage')).toBe(false);
    expect([...rolePermissions.integration].sort()).toEqual(['devices:read', 'events:subscribe', 'heartbeats:write']);
  });

  it('declares a known permission on every /api/v1 route; only probes and the device heartbeat URL are open', () => {
    const api = routes.filter((r) => r.path.startsWith('/api/v1/'));
    expect(api.length).toBeGreaterThan(10);
    for (const r of api)
      expect({ route: `${r.method} ${r.path}`, known: permissions.includes(r.permission as Permission) }).toEqual({
        route: `${r.method} ${r.path}`,
        known: true,
      });
    const unprotected = routes.filter((r) => !r.permission).map((r) => `${r.method} ${r.path}`);
    expect(unprotected.sort()).toEqual([
      'GET /hb/{token}',
      'GET /healthz',
      'GET /metrics',
      'GET /readyz',
      'POST /hb/{token}',
    ]);
  });

  it('allows exactly the roles that hold the permission, for every route and role', async () => {
    const failures: string[] = [];
    for (const route of routes.filter((r) => r.permission)) {
      await Promise.all(
        roles.map(async (role) => {
          const { status, code } = await statusOf(gw, route, org.keys[role]);
          const allowed = roleHasPermission(role, route.permission as Permission);
          // An allowed call may still fail further in (400, 404, 503 without the service): never on the guard.
          const ok = allowed
            ? status !== 401 && code !== 'PERMISSION_DENIED'
            : status === 403 && code === 'PERMISSION_DENIED';
          if (!ok)
            failures.push(`${role} ${route.method} ${route.path} (${route.permission}) -> ${status} ${code ?? ''}`);
        }),
      );
    }
    expect(failures).toEqual([]);
  }, 120_000);
});
