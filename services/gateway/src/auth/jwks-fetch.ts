import { lookup as dnsLookup } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { Agent, fetch as undiciFetch } from 'undici';
import { checkUrlSyntax, isBlockedAddress, type HostAddresses } from '@fleetward/platform';

/** A JWKS URL the SSRF guard refused: an internal address or name, a scheme other than http(s). */
export class JwksUrlRefused extends Error {
  override readonly name = 'JwksUrlRefused';
}

export type ResolveAll = (host: string) => Promise<HostAddresses>;

const systemResolve: ResolveAll = (host) =>
  new Promise((resolve, reject) =>
    dnsLookup(host, { all: true, verbatim: true }, (err, addresses) => (err ? reject(err) : resolve(addresses))),
  );

/**
 * A socket lookup that resolves the host and refuses when ANY answer is not a public address (unless the host is
 * allow-listed). The socket then connects to exactly the address checked here, so a DNS answer cannot change
 * between the check and the connection.
 */
export function guardedLookup(allowedHosts: readonly string[], resolve: ResolveAll = systemResolve): LookupFunction {
  const allowed = new Set(allowedHosts.map((h) => h.toLowerCase()));
  return (hostname, options, callback) => {
    resolve(hostname).then(
      (addresses) => {
        const bad = allowed.has(hostname.toLowerCase())
          ? undefined
          : addresses.find((a) => isBlockedAddress(a.address));
        if (bad || addresses.length === 0) {
          callback(new JwksUrlRefused(`host ${hostname} resolves to an address that is not public`), '', 4);
        } else if (typeof options === 'object' && options?.all) {
          (callback as unknown as (e: null, a: HostAddresses) => void)(null, addresses);
        } else {
          callback(null, addresses[0]!.address, addresses[0]!.family);
        }
      },
      (err: NodeJS.ErrnoException) => callback(err, '', 4),
    );
  };
}

/**
 * The fetch jose uses for an organisation's JWKS: the URL (set by a tenant admin) must pass the platform's SSRF guard
 * before the request, and every DNS answer at connection time. `allowedHosts` (an installation setting) admits an
 * identity provider on the installation's own network.
 */
export class GuardedJwksFetch {
  private readonly agent: Agent;

  constructor(
    private readonly allowedHosts: readonly string[],
    resolve?: ResolveAll,
  ) {
    this.agent = new Agent({ connect: { lookup: guardedLookup(allowedHosts, resolve) } });
  }

  readonly fetch = async (url: string, init: RequestInit): Promise<Response> => {
    const check = checkUrlSyntax(url, this.allowedHosts);
    if (!check.ok) throw new JwksUrlRefused(check.reason);
    try {
      const res = await undiciFetch(url, { ...(init as object), dispatcher: this.agent });
      return res as unknown as Response;
    } catch (err) {
      const cause = (err as { cause?: unknown }).cause;
      throw cause instanceof JwksUrlRefused ? cause : err;
    }
  };

  close(): Promise<void> {
    return this.agent.close();
  }
}
