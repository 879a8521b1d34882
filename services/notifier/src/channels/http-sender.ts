import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { resolveSafe } from './url-safety.js';

export type SendOutcome =
  | { kind: 'delivered'; status: number; latencyMs: number }
  /** Worth retrying: network error, timeout, 408, 429, 5xx. */
  | { kind: 'retry'; status: number | null; latencyMs: number; error: string }
  /** Never worth retrying: refused URL, other 4xx. `gone` (410) disables the endpoint. */
  | { kind: 'permanent'; status: number | null; latencyMs: number; error: string; gone: boolean };

export interface PostOptions {
  url: string;
  body: string;
  headers: Record<string, string>;
  timeoutMs: number;
  allowedHosts: readonly string[];
}

/**
 * POSTs once. The host is resolved and checked here (SSRF guard), and the socket connects to exactly the checked
 * address; redirects are never followed (a 3xx is a permanent failure); a hanging endpoint is cut at `timeoutMs`.
 */
export async function postOnce(o: PostOptions): Promise<SendOutcome> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const target = await resolveSafe(o.url, o.allowedHosts);
  if (!target.ok) return { kind: 'permanent', status: null, latencyMs: elapsed(), error: `refused: ${target.reason}`, gone: false };

  const pinned: LookupFunction = (_host, opts, cb) => {
    if (typeof opts === 'object' && opts?.all) cb(null, [{ address: target.address, family: target.family }]);
    else cb(null, target.address, target.family);
  };
  const lib = target.url.protocol === 'https:' ? https : http;
  // A timer that destroys the request, cleared on completion: cheaper per send than an AbortSignal (whose listeners
  // and, with AbortSignal.timeout, whose timer outlive the request).
  let timedOut = false;
  let timer: NodeJS.Timeout | undefined;
  const failure = (err: Error) => (timedOut ? `timed out after ${o.timeoutMs} ms` : err.message);
  return new Promise<SendOutcome>((resolve) => {
    const req = lib.request(
      target.url,
      {
        method: 'POST',
        lookup: pinned,
        headers: { 'content-type': 'application/json', 'user-agent': 'Fleetward-Webhooks/1', ...o.headers },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(classify(res.statusCode ?? 0, elapsed())));
        res.on('error', (err) => resolve({ kind: 'retry', status: res.statusCode ?? null, latencyMs: elapsed(), error: failure(err) }));
      },
    );
    req.on('error', (err) => resolve({ kind: 'retry', status: null, latencyMs: elapsed(), error: failure(err) }));
    timer = setTimeout(() => {
      timedOut = true;
      req.destroy(new Error('timed out'));
    }, o.timeoutMs);
    req.end(o.body);
  }).finally(() => clearTimeout(timer));
}

function classify(status: number, latencyMs: number): SendOutcome {
  if (status >= 200 && status < 300) return { kind: 'delivered', status, latencyMs };
  if (status === 408 || status === 429 || status >= 500) return { kind: 'retry', status, latencyMs, error: `HTTP ${status}` };
  if (status >= 300 && status < 400) return { kind: 'permanent', status, latencyMs, error: `HTTP ${status}: redirects are not followed`, gone: false };
  return { kind: 'permanent', status, latencyMs, error: `HTTP ${status}`, gone: status === 410 };
}
