import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startGateway, type TestGateway } from './support/gateway-app.js';

describe('web console at /', () => {
  let gw: TestGateway;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'fw-console-'));
    mkdirSync(path.join(dir, 'assets'));
    writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>Fleetward</title>');
    writeFileSync(path.join(dir, 'assets', 'app.js'), 'console.log(1)');
    gw = await startGateway({ CONSOLE_DIR: dir, CONSOLE_CONNECT_SRC: 'http://127.0.0.1:*' });
  }, 60_000);
  afterAll(async () => {
    await gw?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves the built files and index.html for client-side routes, never over the API', async () => {
    expect(await (await fetch(gw.url('/'))).text()).toContain('<title>Fleetward</title>');
    expect(await (await fetch(gw.url('/assets/app.js'))).text()).toBe('console.log(1)');
    const route = await fetch(gw.url('/devices/cam-1'), { headers: { accept: 'text/html' } });
    expect(route.status).toBe(200);
    expect(await route.text()).toContain('<title>Fleetward</title>');
    const api = await fetch(gw.url('/api/v1/nothing-here'), { headers: { accept: 'text/html' } });
    expect(api.status).toBe(404);
    expect(api.headers.get('content-type')).toMatch(/problem\+json/);
    expect((await fetch(gw.url('/assets/missing.js'))).status).toBe(404);
  });

  it('sends a Content-Security-Policy that forbids framing and inline script, nosniff and no referrer', async () => {
    for (const [p, accept] of [
      ['/', 'text/html'],
      ['/devices/cam-1', 'text/html'],
      ['/assets/app.js', '*/*'],
    ] as const) {
      const res = await fetch(gw.url(p), { headers: { accept } });
      expect(res.status).toBe(200);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).toContain("connect-src 'self' https: http://127.0.0.1:*");
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    }
  });
});
