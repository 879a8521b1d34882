import { BlockList, isIP } from 'node:net';
import { HostLookupCache } from './host-lookup-cache.js';

/**
 * Server-side request forgery guard for URLs the platform fetches on a tenant's behalf (webhooks, OIDC key sets). A URL is refused when its scheme is not http(s) or when
 * its host is, or resolves to, an address that is not on the public internet (loopback, private ranges, link-local,
 * cloud metadata...). An admin can allow-list a host (an on-premises ticketing system): then it is trusted as is.
 * Checked when an endpoint is registered and again at send time after DNS resolution; the sender must connect to
 * the address that was checked (see `resolveSafe`) so a DNS answer cannot change between check and connect.
 */
const blocked = new BlockList();
const v4: Array<[string, number]> = [
  ['0.0.0.0', 8], // "this" network
  ['10.0.0.0', 8], // private
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local, incl. cloud metadata 169.254.169.254
  ['172.16.0.0', 12], // private
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], // documentation
  ['192.168.0.0', 16], // private
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24], // documentation
  ['203.0.113.0', 24], // documentation
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved + broadcast
];
for (const [net, prefix] of v4) blocked.addSubnet(net, prefix, 'ipv4');
const v6: Array<[string, number]> = [
  ['::', 128], // unspecified
  ['::1', 128], // loopback
  ['fc00::', 7], // unique local (incl. fd00:ec2::254, AWS metadata over IPv6)
  ['fe80::', 10], // link-local
  ['ff00::', 8], // multicast
  ['2001:db8::', 32], // documentation
  // Forms that embed an IPv4 address (which may be loopback, private or metadata): refused whole, since no
  // webhook or identity provider is reached that way and checking the embedded address per form is easy to get wrong.
  ['::', 96], // IPv4-compatible (deprecated), e.g. ::127.0.0.1
  ['::ffff:0:0:0', 96], // IPv4-translated (SIIT), e.g. ::ffff:0:7f00:1
  ['64:ff9b::', 96], // NAT64 well-known prefix
  ['64:ff9b:1::', 48], // NAT64 local-use prefix
  ['2002::', 16], // 6to4, e.g. 2002:7f00:1::
  ['2001::', 32], // Teredo (embeds an obfuscated IPv4)
];
for (const [net, prefix] of v6) blocked.addSubnet(net, prefix, 'ipv6');

const metadataHosts = new Set(['metadata.google.internal', 'metadata', 'instance-data', 'metadata.azure.internal']);

export type UrlCheck = { ok: true; url: URL } | { ok: false; reason: string };

export function isBlockedAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return blocked.check(address, 'ipv4');
  // BlockList also applies the IPv4 rules to IPv4-mapped IPv6 addresses (::ffff:127.0.0.1).
  if (family === 6) return blocked.check(address, 'ipv6');
  return true;
}

function normaliseHost(url: URL): string {
  return url.hostname
    .replace(/^\[|\]$/g, '')
    .toLowerCase()
    .replace(/\.$/, '');
}

/** The checks that need no DNS: scheme, credentials, literal addresses, well-known metadata names. */
export function checkUrlSyntax(raw: string, allowedHosts: readonly string[] = []): UrlCheck {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: 'not a valid URL' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    return { ok: false, reason: `scheme ${url.protocol} is not allowed` };
  if (url.username || url.password) return { ok: false, reason: 'credentials in the URL are not allowed' };
  const host = normaliseHost(url);
  if (allowedHosts.map((h) => h.toLowerCase()).includes(host)) return { ok: true, url };
  if (host === 'localhost' || host.endsWith('.localhost') || metadataHosts.has(host)) {
    return { ok: false, reason: `host ${host} is internal` };
  }
  if (isIP(host) && isBlockedAddress(host)) return { ok: false, reason: `address ${host} is not public` };
  return { ok: true, url };
}

/**
 * A refusal names its `stage`: `syntax` reasons only repeat what the URL itself says; `dns` reasons carry the DNS
 * answer (internal addresses, which names exist), for the operator's logs and never for the tenant.
 */
export type Resolved =
  { ok: true; url: URL; address: string; family: 4 | 6 } | { ok: false; reason: string; stage: 'syntax' | 'dns' };

const sharedLookups = new HostLookupCache();

/**
 * Send-time check: resolves the host (a DNS answer may be up to a few seconds old, see HostLookupCache) and refuses
 * when ANY address is not public. Returns the address to connect to.
 */
export async function resolveSafe(
  raw: string,
  allowedHosts: readonly string[] = [],
  dns = sharedLookups,
): Promise<Resolved> {
  const syntax = checkUrlSyntax(raw, allowedHosts);
  if (!syntax.ok) return { ...syntax, stage: 'syntax' };
  const host = normaliseHost(syntax.url);
  const allowed = allowedHosts.map((h) => h.toLowerCase()).includes(host);
  let addresses: Array<{ address: string; family: number }>;
  try {
    addresses = isIP(host) ? [{ address: host, family: isIP(host) }] : await dns.lookup(host);
  } catch {
    return { ok: false, reason: `host ${host} does not resolve`, stage: 'dns' };
  }
  if (addresses.length === 0) return { ok: false, reason: `host ${host} does not resolve`, stage: 'dns' };
  if (!allowed) {
    const bad = addresses.find((a) => isBlockedAddress(a.address));
    if (bad) return { ok: false, reason: `host ${host} resolves to ${bad.address}, which is not public`, stage: 'dns' };
  }
  const first = addresses[0]!;
  return { ok: true, url: syntax.url, address: first.address, family: first.family === 6 ? 6 : 4 };
}
