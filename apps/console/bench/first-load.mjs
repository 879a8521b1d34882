#!/usr/bin/env node
// Console budget check: gzipped size of the built JavaScript and CSS, and the first load of the page in Debian's
// Chromium (cold profile each run, served from localhost with the gateway's cache headers). Run after `vite build`:
//   node apps/console/bench/first-load.mjs            (5 runs, median)
import { createServer } from 'node:http';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';

const dist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../dist');
const runs = Number(process.env.RUNS ?? 5);
const types = { '.js': 'text/javascript', '.css': 'text/css', '.html': 'text/html', '.json': 'application/json' };

const assets = readdirSync(path.join(dist, 'assets')).map((f) => path.join(dist, 'assets', f));
const gz = (ext) => assets.filter((f) => f.endsWith(ext)).reduce((n, f) => n + gzipSync(readFileSync(f), { level: 9 }).length, 0);
const raw = (ext) => assets.filter((f) => f.endsWith(ext)).reduce((n, f) => n + statSync(f).size, 0);

const server = createServer((req, res) => {
  const url = new URL(req.url, 'http://x').pathname;
  let file = path.join(dist, url);
  if (!file.startsWith(dist) || url === '/' || !path.extname(url)) file = path.join(dist, 'index.html');
  try {
    const body = readFileSync(file);
    res.writeHead(200, {
      'content-type': types[path.extname(file)] ?? 'application/octet-stream',
      'cache-control': url.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
    });
    res.end(body);
  } catch {
    res.writeHead(404).end();
  }
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const base = `http://127.0.0.1:${server.address().port}/`;

const args = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const samples = [];
for (let i = 0; i < runs; i++) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'fw-console-bench-'));
  const ctx = await chromium.launchPersistentContext(dir, { executablePath: '/usr/bin/chromium', headless: true, args });
  const page = await ctx.newPage();
  const t0 = Date.now();
  await page.goto(base);
  await page.getByRole('textbox', { name: 'API key' }).waitFor();
  const interactive = Date.now() - t0;
  const nav = await page.evaluate(() => performance.getEntriesByType('navigation')[0].toJSON());
  const rendered = await page.evaluate(() => performance.getEntriesByName('fleetward:first-render')[0].startTime);
  samples.push({ interactive, load: Math.round(nav.loadEventEnd), rendered: Math.round(rendered) });
  await ctx.close();
  rmSync(dir, { recursive: true, force: true });
}
server.close();
const median = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
console.log(`JS:  ${kb(raw('.js'))} raw, ${kb(gz('.js'))} gzipped (budget 300 KB)`);
console.log(`CSS: ${kb(raw('.css'))} raw, ${kb(gz('.css'))} gzipped`);
console.log(`map outlines (fetched after first paint): ${kb(raw('.json'))} raw, ${kb(gz('.json'))} gzipped`);
console.log(`first load, cold profile, median of ${runs} (budget 1000 ms):`);
console.log(`  first render (navigation start -> app rendered, in-page mark): ${median(samples.map((s) => s.rendered))} ms`);
console.log(`  load event: ${median(samples.map((s) => s.load))} ms`);
console.log(`  sign-in form usable as seen from the test driver (includes CDP round trips): ${median(samples.map((s) => s.interactive))} ms`);
