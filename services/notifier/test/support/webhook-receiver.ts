import http from 'node:http';
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';

export interface Received {
  path: string;
  headers: Record<string, string>;
  body: string;
  verdict: 'accepted' | 'bad-signature' | 'stale' | 'replayed' | 'unsigned';
}

/**
 * An integrator's receiver written from the Standard Webhooks spec alone (not with Fleetward's code): checks the
 * HMAC over `id.timestamp.body`, a 5-minute timestamp tolerance, and refuses an id it has already accepted.
 * `behaviour(path, n)` lets a test script answers per path: a status code, or 'hang'.
 */
export async function startWebhookReceiver(secretFor: (path: string) => string | undefined, behaviour: (path: string, n: number) => number | 'hang' = () => 200) {
  const received: Received[] = [];
  const seen = new Set<string>();
  const counts = new Map<string, number>();

  const verify = (path: string, headers: Record<string, string>, body: string, nowSec = Date.now() / 1000): Received['verdict'] => {
    const secret = secretFor(path);
    const id = headers['webhook-id'];
    const ts = Number(headers['webhook-timestamp']);
    const sig = headers['webhook-signature'];
    if (!secret || !id || !sig || !Number.isFinite(ts)) return 'unsigned';
    if (Math.abs(nowSec - ts) > 300) return 'stale';
    const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
    const expected = Buffer.from(`v1,${createHmac('sha256', key).update(`${id}.${ts}.${body}`).digest('base64')}`);
    const ok = sig.split(' ').some((s) => Buffer.byteLength(s) === expected.length && timingSafeEqual(Buffer.from(s), expected));
    if (!ok) return 'bad-signature';
    if (seen.has(id)) return 'replayed';
    seen.add(id);
    return 'accepted';
  };

  const server = http.createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (body += c));
    req.on('end', () => {
      const path = req.url ?? '/';
      const n = (counts.get(path) ?? 0) + 1;
      counts.set(path, n);
      const answer = behaviour(path, n);
      if (answer === 'hang') return;
      const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
      const verdict = secretFor(path) ? verify(path, headers, body) : 'unsigned';
      received.push({ path, headers, body, verdict });
      res.statusCode = verdict === 'accepted' || verdict === 'unsigned' ? answer : 400;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    received,
    verify,
    attempts: (path: string) => counts.get(path) ?? 0,
    close: async () => {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    },
  };
}
