import type { LookupFunction } from 'node:net';
import { Pool } from 'undici';
import { resolveSafe } from '@fleetward/platform';

export type SendOutcome =
  | { kind: 'delivered'; status: number; latencyMs: number }
  /** Worth retrying: network error, timeout, 408, 429, 5xx. */
  | { kind: 'retry'; status: number | null; latencyMs: number; error: string; detail?: string }
  /** Never worth retrying: refused URL, other 4xx. `gone` (410) disables the endpoint. */
  | { kind: 'permanent'; status: number | null; latencyMs: number; error: string; gone: boolean; detail?: string };

/**
 * `error` is shown to the tenant (test sends, delivery history): it says refused or failed and why in the tenant's
 * terms, never a DNS answer, an internal address or a socket error. `detail` holds those, for the operator's log.
 */
export const PUBLIC_ERRORS = {
  notPublic: 'refused: the host does not resolve to a public address',
  connect: 'failed: could not connect to the endpoint',
} as const;

export interface PostOptions {
  url: string;
  body: string;
  headers: Record<string, string>;
  timeoutMs: number;
  allowedHosts: readonly string[];
}

/** A response body is never needed, only its status: at most this much is read to keep the connection reusable. */
const BODY_READ_LIMIT = 64 * 1024;

/**
 * Keep-alive connection pools (undici) per origin and checked address: every socket of a pool connects to the one
 * address that passed the SSRF check, whatever DNS says later. Bounded: beyond `max` the least recently used pool
 * is closed (its requests in flight finish first).
 */
export class PinnedPools {
  private readonly pools = new Map<string, Pool>();

  constructor(private readonly max = 256) {}

  get(url: URL, address: string, family: number): Pool {
    const key = `${url.origin} ${address}`;
    const hit = this.pools.get(key);
    if (hit) {
      this.pools.delete(key);
      this.pools.set(key, hit);
      return hit;
    }
    if (this.pools.size >= this.max) {
      const [oldestKey, oldest] = this.pools.entries().next().value!;
      this.pools.delete(oldestKey);
      void oldest.close().catch(() => undefined);
    }
    const pinned: LookupFunction = (_host, opts, cb) => {
      if (typeof opts === 'object' && opts?.all) cb(null, [{ address, family }]);
      else cb(null, address, family);
    };
    const pool = new Pool(url.origin, { connect: { lookup: pinned } });
    this.pools.set(key, pool);
    return pool;
  }

  async close(): Promise<void> {
    const all = [...this.pools.values()];
    this.pools.clear();
    await Promise.all(all.map((p) => p.destroy().catch(() => undefined)));
  }
}

/**
 * POSTs once. The host is resolved and checked here (SSRF guard), and the socket connects to exactly the checked
 * address; redirects are never followed (a 3xx is a permanent failure); a hanging endpoint, before or after its
 * headers, is cut at `timeoutMs` in all. undici rather than node:http: in the notifier bench the HTTP client was the
 * largest share of a delivery's CPU after BullMQ, and undici's pools cost less per request.
 */
export async function postOnce(o: PostOptions, pools: PinnedPools): Promise<SendOutcome> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const target = await resolveSafe(o.url, o.allowedHosts);
  if (!target.ok) {
    // A syntax reason repeats what the URL says; a DNS one would tell the tenant what internal names resolve to.
    const error = target.stage === 'syntax' ? `refused: ${target.reason}` : PUBLIC_ERRORS.notPublic;
    return { kind: 'permanent', status: null, latencyMs: elapsed(), error, gone: false, detail: target.reason };
  }

  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), o.timeoutMs);
  try {
    const res = await pools.get(target.url, target.address, target.family).request({
      method: 'POST',
      path: target.url.pathname + target.url.search,
      headers: { 'content-type': 'application/json', 'user-agent': 'Fleetward-Webhooks/1', ...o.headers },
      body: o.body,
      signal: abort.signal,
      // The timer above bounds the whole exchange; undici's own timeouts would only bound each phase.
      headersTimeout: 0,
      bodyTimeout: 0,
    });
    await res.body.dump({ limit: BODY_READ_LIMIT, signal: abort.signal });
    if (abort.signal.aborted) throw new Error('aborted');
    return classify(res.statusCode, elapsed());
  } catch (err) {
    if (abort.signal.aborted) return { kind: 'retry', status: null, latencyMs: elapsed(), error: `timed out after ${o.timeoutMs} ms` };
    return { kind: 'retry', status: null, latencyMs: elapsed(), error: PUBLIC_ERRORS.connect, detail: describe(err) };
  } finally {
    clearTimeout(timer);
  }
}

function describe(err: unknown): string {
  const e = err as Error & { code?: string; cause?: Error & { code?: string } };
  const cause = e.cause?.code ?? e.cause?.message;
  return cause ? `${e.message} (${cause})` : e.code ? `${e.message} (${e.code})` : e.message;
}

function classify(status: number, latencyMs: number): SendOutcome {
  if (status >= 200 && status < 300) return { kind: 'delivered', status, latencyMs };
  if (status === 408 || status === 429 || status >= 500) return { kind: 'retry', status, latencyMs, error: `HTTP ${status}` };
  if (status >= 300 && status < 400) return { kind: 'permanent', status, latencyMs, error: `HTTP ${status}: redirects are not followed`, gone: false };
  return { kind: 'permanent', status, latencyMs, error: `HTTP ${status}`, gone: status === 410 };
}
