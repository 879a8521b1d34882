import { afterEach, describe, expect, it } from '@jest/globals';
import { trustProxySchema } from '../src/http/trust-proxy.js';
import { bearer, jsonHeaders, startGateway, type TestGateway } from './support/gateway-app.js';

/** Creates a user through the gateway claiming to forward for `client`, and returns the audit row's source. */
async function auditedSource(gw: TestGateway, client: string): Promise<unknown> {
  const org = await gw.newOrg();
  const res = await fetch(gw.url('/api/v1/users'), {
    method: 'POST',
    headers: { ...jsonHeaders(org.keys.admin), 'x-forwarded-for': client },
    body: JSON.stringify({ subject: 'carol', role: 'viewer' }),
  });
  expect(res.status).toBe(201);
  const page = await fetch(gw.url('/api/v1/audit?action=POST%20/api/v1/users'), { headers: bearer(org.keys.admin) });
  const { items } = (await page.json()) as { items: { sourceIp: unknown }[] };
  expect(items).toHaveLength(1);
  return items[0]!.sourceIp;
}

describe('TRUST_PROXY', () => {
  let gw: TestGateway | undefined;
  afterEach(async () => {
    await gw?.close();
    gw = undefined;
  });

  it('behind a trusted proxy, the audit log records the client address it forwards', async () => {
    gw = await startGateway({ TRUST_PROXY: 'loopback' });
    expect(await auditedSource(gw, '203.0.113.7')).toBe('203.0.113.7');
  }, 60_000);

  it('without it, a forwarded address is not believed: the audit log records the peer', async () => {
    gw = await startGateway({ TRUST_PROXY: '' });
    expect(await auditedSource(gw, '203.0.113.7')).toEqual(expect.stringContaining('127.0.0.1'));
  }, 60_000);

  it('accepts hop counts, addresses, CIDRs and named ranges; refuses trust-everyone and garbage', () => {
    expect(trustProxySchema.parse('')).toBe(false);
    expect(trustProxySchema.parse('1')).toBe(1);
    expect(trustProxySchema.parse('10.0.0.0/8, fd00::/8 ,loopback')).toEqual(['10.0.0.0/8', 'fd00::/8', 'loopback']);
    for (const bad of ['true', '10.0.0.0/33', 'proxy.example', '10.0.0.1/8/1'])
      expect(trustProxySchema.safeParse(bad).success).toBe(false);
  });
});
