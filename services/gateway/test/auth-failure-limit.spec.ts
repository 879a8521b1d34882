import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { bearer, startGateway, type TestGateway, type TestOrg } from './support/gateway-app.js';

/*
 * Failed sign-ins are counted per source address and named organisation: beyond AUTH_FAILURE_LIMIT they answer 429
 * and stop writing audit rows (100 anonymous attempts used to write 100 rows into the organisation they named).
 */
describe('failed sign-ins are rate limited', () => {
  let gw: TestGateway;
  let org: TestOrg;
  const limit = 5;

  beforeAll(async () => {
    gw = await startGateway({ AUTH_FAILURE_LIMIT: String(limit) });
    org = await gw.newOrg();
  }, 60_000);
  afterAll(async () => {
    await gw?.close();
  });

  it('answers 429 with Retry-After beyond the limit, writes one row saying so, and still admits a valid key', async () => {
    const wrong = org.keys.viewer.replace(/\.[^.]+$/, '.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 20; i++) {
      const res = await fetch(gw.url('/api/v1/organisation'), { headers: bearer(wrong) });
      statuses.push(res.status);
      if (res.status === 429) retryAfter = res.headers.get('retry-after');
    }
    expect(statuses).toEqual([...Array<number>(limit).fill(401), ...Array<number>(20 - limit).fill(429)]);
    expect(Number(retryAfter)).toBeGreaterThan(0);

    const rows: { code: string; status: number }[] = await gw.db.ownerDataSource.query(
      'SELECT code, status FROM audit_log WHERE org_id = $1 ORDER BY id',
      [org.id],
    );
    expect(rows).toEqual([
      ...Array(limit).fill({ code: 'API_KEY_UNKNOWN', status: 401 }),
      { code: 'AUTH_FAILURES_RATE_LIMITED', status: 429 },
    ]);

    // A valid credential from the same address is not locked out (a shared NAT must keep working).
    expect((await fetch(gw.url('/api/v1/organisation'), { headers: bearer(org.keys.viewer) })).status).toBe(200);
  });
});
