import { lookup } from 'node:dns/promises';

export type HostAddresses = Array<{ address: string; family: number }>;
export type LookupAll = (host: string) => Promise<HostAddresses>;

const systemLookup: LookupAll = (host) => lookup(host, { all: true, verbatim: true });

/**
 * DNS answers for webhook hosts, kept for a short time: without it every send is a getaddrinfo call on libuv's
 * small thread pool, and concurrent sends to one host each make their own. It holds answers, never verdicts: the
 * caller checks the addresses on every send (so an allow-list change applies at once) and connects to exactly the
 * address it checked. Failed lookups are not kept.
 */
export class HostLookupCache {
  private readonly entries = new Map<string, { at: number; addresses: Promise<HostAddresses> }>();

  constructor(
    private readonly ttlMs = 10_000,
    private readonly maxEntries = 1_000,
    private readonly resolve: LookupAll = systemLookup,
    private readonly now: () => number = Date.now,
  ) {}

  lookup(host: string): Promise<HostAddresses> {
    const hit = this.entries.get(host);
    if (hit && this.now() - hit.at < this.ttlMs) return hit.addresses;
    this.entries.delete(host);
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    const addresses = this.resolve(host);
    this.entries.set(host, { at: this.now(), addresses });
    addresses.catch(() => {
      if (this.entries.get(host)?.addresses === addresses) this.entries.delete(host);
    });
    return addresses;
  }
}
