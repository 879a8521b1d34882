import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { bearer, jsonHeaders, startGateway, type TestGateway, type TestOrg } from './support/gateway-app.js';

describe('audit log', () => {
  let gw: TestGateway;
  let org: TestOrg;

  const audit = async (query: string) =>
    (await (await fetch(gw.url(`/api/v1/audit${query}`), { headers: bearer(org.keys.admin) })).json()) as {
      items: Record<string, unknown>[];
      nextCursor: string | null;
    };

  beforeAll(async () => {
    gw = await startGateway();
    org = await gw.newOrg();
  }, 60_000);
  afterAll(() => gw?.close());

  it('records a successful write with who, role, action, target, result, correlation id and source', async () => {
    const res = await fetch(gw.url('/api/v1/users'), {
      method: 'POST',
      headers: { ...jsonHeaders(org.keys.admin), 'x-correlation-id': 'corr-audit-1' },
      body: JSON.stringify({ subject: 'bob', role: 'viewer' }),
    });
    expect(res.status).toBe(201);
    const user = await res.json();
    const page = await audit('?action=POST%20/api/v1/users');
    expect(page.items).toHaveLength(1);
    expect(page.items[0]).toMatchObject({
      orgId: org.id,
      actor: expect.stringMatching(/^key:fwk\./),
      role: 'admin',
      action: 'POST /api/v1/users',
      target: user.id,
      result: 'success',
      status: 201,
      correlationId: 'corr-audit-1',
      sourceIp: expect.stringContaining('127.0.0.1'),
    });
  });

  it('records denied and failed writes, and reads are not written to the log', async () => {
    const denied = await fetch(gw.url('/api/v1/users'), {
      method: 'POST',
      headers: jsonHeaders(org.keys.viewer),
      body: '{}',
    });
    expect(denied.status).toBe(403);
    const invalid = await fetch(gw.url('/api/v1/users'), {
      method: 'POST',
      headers: jsonHeaders(org.keys.admin),
      body: '{"role":"nope"}',
    });
    expect(invalid.status).toBe(400);
    await fetch(gw.url('/api/v1/users'), { headers: bearer(org.keys.admin) });

    const deniedRows = await audit('?result=denied');
    expect(deniedRows.items[0]).toMatchObject({
      role: 'viewer',
      action: 'POST /api/v1/users',
      status: 403,
      code: 'PERMISSION_DENIED',
    });
    const failed = await audit('?result=failure&action=POST%20/api/v1/users');
    expect(failed.items[0]).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
    expect((await audit('?action=GET%20/api/v1/users')).items).toEqual([]);
  });

  it('filters by actor and time and pages newest first', async () => {
    for (let i = 0; i < 3; i++) {
      await fetch(gw.url('/api/v1/keys'), {
        method: 'POST',
        headers: jsonHeaders(org.keys.admin),
        body: JSON.stringify({ name: `k${i}`, role: 'viewer' }),
      });
    }
    const actor = (await audit('?limit=1')).items[0]!.actor as string;
    const first = await audit(
      `?actor=${encodeURIComponent(actor)}&action=${encodeURIComponent('POST /api/v1/keys')}&limit=2`,
    );
    expect(first.items).toHaveLength(2);
    const second = await audit(
      `?actor=${encodeURIComponent(actor)}&action=${encodeURIComponent('POST /api/v1/keys')}&limit=2&cursor=${first.nextCursor}`,
    );
    expect(second.items).toHaveLength(1);
    expect(second.nextCursor).toBeNull();
    const ids = [...first.items, ...second.items].map((r) => Number(r.id));
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    const future = new Date(Date.now() + 60_000).toISOString();
    expect((await audit(`?from=${encodeURIComponent(future)}`)).items).toEqual([]);
    expect((await fetch(gw.url('/api/v1/audit?bogus=1'), { headers: bearer(org.keys.admin) })).status).toBe(400);
  });
});
