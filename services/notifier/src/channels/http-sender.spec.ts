import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { postOnce } from './http-sender.js';

describe('postOnce', () => {
  let server: http.Server;
  let base: string;
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
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });
  const send = (path: string, allowed = ['127.0.0.1'], timeoutMs = 2000) =>
    postOnce({ url: base + path, body: '{}', headers: {}, timeoutMs, allowedHosts: allowed });

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
});
