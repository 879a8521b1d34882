import { describe, it, expect } from '@jest/globals';
import { checkUrlSyntax, resolveSafe, isBlockedAddress } from './url-safety.js';

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
});
