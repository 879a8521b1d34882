import { describe, it, expect } from '@jest/globals';
import { HostLookupCache, type HostAddresses } from './host-lookup-cache.js';
import { checkUrlSyntax, resolveSafe, isBlockedAddress } from './url-safety.js';

/** A DNS whose answers the test sets, counting lookups, with a clock the test moves. */
function fakeDns(ttlMs = 10_000) {
  const answers = new Map<string, string[]>();
  let lookups = 0;
  let now = 0;
  const cache = new HostLookupCache(
    ttlMs,
    100,
    async (host): Promise<HostAddresses> => {
      lookups++;
      const a = answers.get(host);
      if (!a) throw new Error(`ENOTFOUND ${host}`);
      return a.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
    },
    () => now,
  );
  return { cache, answers, lookups: () => lookups, advance: (ms: number) => (now += ms) };
}

describe('webhook URL safety', () => {
  const unsafe = [
    'http://127.0.0.1/hook',
    'http://127.1.2.3:8080/',
    'http://localhost/hook',
    'http://api.localhost/hook',
    'http://[::1]/hook',
    'http://[::ffff:127.0.0.1]/hook',
    'http://[::ffff:7f00:1]/hook',
    'http://10.1.2.3/hook',
    'http://172.16.0.1/hook',
    'http://172.31.255.255/hook',
    'http://192.168.1.10/hook',
    'http://169.254.169.254/latest/meta-data/',
    'http://[fd00:ec2::254]/',
    'http://[fe80::1]/',
    'http://[::127.0.0.1]/',
    'http://[::a9fe:a9fe]/latest/meta-data/',
    'http://[::ffff:0:7f00:1]/',
    'http://[::ffff:0:a9fe:a9fe]/',
    'http://[64:ff9b:1::7f00:1]/',
    'http://[2002:7f00:1::]/',
    'http://[2002:a9fe:a9fe::1]/',
    'http://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/',
    'http://100.64.0.1/',
    'http://0.0.0.0/',
    'http://metadata.google.internal/computeMetadata/v1/',
    'ftp://example.com/file',
    'file:///etc/passwd',
    'gopher://example.com/',
    'https://user:pass@example.com/hook',
    'not a url',
  ];
  it.each(unsafe)('refuses %s', async (url) => {
    expect(checkUrlSyntax(url).ok && (await resolveSafe(url)).ok).toBe(false);
  });

  it('accepts public addresses', () => {
    expect(checkUrlSyntax('https://93.184.215.14/hook').ok).toBe(true);
    expect(checkUrlSyntax('https://hooks.example.com/x').ok).toBe(true);
    expect(isBlockedAddress('8.8.8.8')).toBe(false);
    expect(isBlockedAddress('2606:4700::1111')).toBe(false);
  });

  it('refuses a name that resolves to loopback at send time', async () => {
    // `localtest.me`-style tricks need DNS; the machine's own hostname always resolves locally.
    const res = await resolveSafe('http://localhost.:8080/');
    expect(res.ok).toBe(false);
  });

  it('lets an admin allow-list an on-premises host', async () => {
    const res = await resolveSafe('http://127.0.0.1:9999/tickets', ['127.0.0.1']);
    expect(res).toMatchObject({ ok: true, address: '127.0.0.1' });
  });

  describe('with cached DNS answers', () => {
    it('checks the cached answer again on every send and re-resolves after the TTL (a rebind to a private address is refused)', async () => {
      const dns = fakeDns(10_000);
      dns.answers.set('hooks.example.com', ['93.184.215.14']);
      expect(await resolveSafe('https://hooks.example.com/x', [], dns.cache)).toMatchObject({
        ok: true,
        address: '93.184.215.14',
      });
      dns.answers.set('hooks.example.com', ['10.0.0.1']);
      dns.advance(5_000);
      // Within the TTL the sender still connects to the address that was checked, never to the new one.
      expect(await resolveSafe('https://hooks.example.com/x', [], dns.cache)).toMatchObject({
        ok: true,
        address: '93.184.215.14',
      });
      expect(dns.lookups()).toBe(1);
      dns.advance(5_001);
      expect(await resolveSafe('https://hooks.example.com/x', [], dns.cache)).toMatchObject({ ok: false });
      expect(dns.lookups()).toBe(2);
    });

    it('refuses a cached private answer as soon as the host leaves the allow-list', async () => {
      const dns = fakeDns();
      dns.answers.set('tickets.corp.example', ['10.1.2.3']);
      expect(await resolveSafe('http://tickets.corp.example/api', ['tickets.corp.example'], dns.cache)).toMatchObject({
        ok: true,
        address: '10.1.2.3',
      });
      expect(await resolveSafe('http://tickets.corp.example/api', [], dns.cache)).toMatchObject({ ok: false });
      expect(dns.lookups()).toBe(1);
    });

    it('makes one lookup for concurrent sends to one host, and does not keep a failed one', async () => {
      const dns = fakeDns();
      dns.answers.set('hooks.example.com', ['93.184.215.14']);
      const all = await Promise.all(
        Array.from({ length: 5 }, () => resolveSafe('https://hooks.example.com/x', [], dns.cache)),
      );
      expect(all.every((r) => r.ok)).toBe(true);
      expect(dns.lookups()).toBe(1);
      expect(await resolveSafe('https://new.example.com/x', [], dns.cache)).toMatchObject({ ok: false });
      dns.answers.set('new.example.com', ['93.184.215.15']);
      expect(await resolveSafe('https://new.example.com/x', [], dns.cache)).toMatchObject({
        ok: true,
        address: '93.184.215.15',
      });
      expect(dns.lookups()).toBe(3);
    });
  });
});
