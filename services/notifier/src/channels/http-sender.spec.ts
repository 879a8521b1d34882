import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { PinnedPools, postOnce } from './http-sender.js';

describe('postOnce', () => {
  let server: http.Server;
  let base: string;
  const pools = new PinnedPools(2);
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      const code = Number(req.url?.slice(1)) || 200;
      if (req.url === '/hang') return; // never answers
      if (req.url === '/hang-body') return void res.writeHead(200).write('{'); // answers, then never finishes
      if (code === 302) res.setHeader('location', 'http://169.254.169.254/');
      res.statusCode = code;
      res.end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await pools.close();
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });
  const send = (path: string, allowed = ['127.0.0.1'], timeoutMs = 2000) =>
    postOnce({ url: base + path, body: '{}', headers: {}, timeoutMs, allowedHosts: allowed }, pools);

  it('delivers to an allow-listed on-premises host', async () => {
    expect(await send('/204')).toMatchObject({ kind: 'delivered', status: 204 });
  });
  it('refuses loopback unless allow-listed, before connecting', async () => {
    expect(await send('/200', [])).toMatchObject({ kind: 'permanent', status: null });
  });
  it('classifies 410 as gone, 5xx and 429 as retry, redirects as permanent', async () => {
    expect(await send('/410')).toMatchObject({ kind: 'permanent', gone: true });
    expect(await send('/503')).toMatchObject({ kind: 'retry', status: 503 });
    expect(await send('/429')).toMatchObject({ kind: 'retry', status: 429 });
    expect(await send('/302')).toMatchObject({ kind: 'permanent', status: 302, gone: false });
    expect(await send('/400')).toMatchObject({ kind: 'permanent', status: 400 });
  });
  it('cuts a hanging endpoint at the timeout', async () => {
    const out = await send('/hang', ['127.0.0.1'], 300);
    expect(out).toMatchObject({ kind: 'retry', status: null });
    expect(out.latencyMs).toBeLessThan(2000);
    expect(out).toMatchObject({ error: 'timed out after 300 ms' });
  });
  it('cuts an endpoint that sends headers and then hangs in the body', async () => {
    const out = await send('/hang-body', ['127.0.0.1'], 300);
    expect(out).toMatchObject({ kind: 'retry', error: 'timed out after 300 ms' });
  });

  it('reuses kept-alive connections for successive sends to one endpoint', async () => {
    const sockets = new Set<unknown>();
    const seen = (req: http.IncomingMessage) => sockets.add(req.socket);
    server.on('request', seen);
    const own = new PinnedPools();
    try {
      for (let i = 0; i < 6; i++) {
        const out = await postOnce({ url: `${base}/204`, body: '{}', headers: {}, timeoutMs: 2000, allowedHosts: ['127.0.0.1'] }, own);
        expect(out).toMatchObject({ kind: 'delivered' });
      }
    } finally {
      server.off('request', seen);
      await own.close();
    }
    // undici opens a second connection when a send follows the previous response at once, then reuses both.
    expect(sockets.size).toBeLessThanOrEqual(2);
  });
});

describe('PinnedPools', () => {
  it('connects to the checked address, never to what DNS says for the host', async () => {
    const server = http.createServer((_req, res) => res.writeHead(204).end());
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const pools = new PinnedPools();
    try {
      // .invalid never resolves (RFC 6761): the request can only arrive through the pinned address.
      const url = new URL(`http://pinned.invalid:${(server.address() as AddressInfo).port}/hook`);
      const res = await pools.get(url, '127.0.0.1', 4).request({ method: 'POST', path: url.pathname, body: '{}' });
      await res.body.dump();
      expect(res.statusCode).toBe(204);
    } finally {
      await pools.close();
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  });

  it('keeps one pool per origin and address, and closes the least recently used beyond its bound', async () => {
    const pools = new PinnedPools(2);
    const a = pools.get(new URL('https://a.example'), '192.0.2.1', 4);
    const b = pools.get(new URL('https://b.example'), '192.0.2.2', 4);
    expect(pools.get(new URL('https://a.example/other/path'), '192.0.2.1', 4)).toBe(a);
    expect(pools.get(new URL('https://a.example'), '192.0.2.9', 4)).not.toBe(a); // re-resolved: a new pool; b goes
    await new Promise((r) => setImmediate(r));
    expect(b.closed).toBe(true);
    expect(a.closed).toBe(false);
    await pools.close();
  });
});
