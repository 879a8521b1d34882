import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { bearer, jsonHeaders, startGateway, type TestGateway, type TestOrg } from './support/gateway-app.js';

/*
 * U+0000 cannot be stored in Postgres text: it used to reach a service and answer 500 (27 routes), and a `%00` in a
 * path made the audit row of the failed attempt unwritable. Now the gateway answers 400 NUL_CHARACTER and audits it.
 */
describe('NUL characters in requests', () => {
  let gw: TestGateway;
  let org: TestOrg;

  beforeAll(async () => {
    gw = await startGateway({ RPC_TIMEOUT_MS: '1000' });
    org = await gw.newOrg();
  }, 60_000);
  afterAll(async () => {
    await gw?.close();
  });

  const auditOf = async (correlationId: string) =>
    (await gw.db.ownerDataSource.query(
      'SELECT action, target, status, code, result FROM audit_log WHERE org_id = $1 AND correlation_id = $2',
      [org.id, correlationId],
    )) as { action: string; target: string | null; status: number; code: string; result: string }[];

  it('answers 400 NUL_CHARACTER for a NUL in a JSON string (a body that used to fail with 500) and audits it', async () => {
    const res = await fetch(gw.url('/api/v1/devices'), {
      method: 'POST',
      headers: jsonHeaders(org.keys.it),
      body: '{"name":"cam","vendor":"a\\u0000b","model":"m","type":"camera","siteId":"s1"}',
    });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body).toMatchObject({ code: 'NUL_CHARACTER', path: 'vendor' });
    expect(await auditOf(body.correlationId)).toEqual([
      { action: 'POST /api/v1/devices', target: null, status: 400, code: 'NUL_CHARACTER', result: 'failure' },
    ]);
  });

  it('finds a NUL in a nested value and in an object key', async () => {
    for (const raw of ['{"tags":{"x":["ok","\\u0000"]}}', '{"a\\u0000":1}']) {
      const res = await fetch(gw.url('/api/v1/devices'), {
        method: 'POST',
        headers: jsonHeaders(org.keys.it),
        body: raw,
      });
      expect(res.status).toBe(400);
      expect((await res.json()).code).toBe('NUL_CHARACTER');
    }
  });

  it('answers 400 for %00 in a path and keeps the audit row of the refused attempt', async () => {
    const res = await fetch(gw.url('/api/v1/devices/dev%00x/decommission'), {
      method: 'POST',
      headers: jsonHeaders(org.keys.it),
      body: '{}',
    });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.code).toBe('NUL_CHARACTER');
    expect(await auditOf(body.correlationId)).toEqual([
      {
        action: 'POST /api/v1/devices/:id/decommission',
        target: 'dev\\0x',
        status: 400,
        code: 'NUL_CHARACTER',
        result: 'failure',
      },
    ]);
  });

  it('answers 400 for %00 in a query string', async () => {
    const res = await fetch(gw.url('/api/v1/devices?vendor=a%00b'), { headers: bearer(org.keys.viewer) });
    expect(res.status).toBe(400);
    expect((await res.json()).code).toBe('NUL_CHARACTER');
  });
});
