import { afterAll, describe, expect, it } from '@jest/globals';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { endpointSpecs, type EndpointKey } from '../src/api/endpoints.js';
import { resolveEndpoints } from '../src/logic/openapi-routes.js';
import { CHROMIUM, goTo, launch, shot, signInWithKey, type Browser } from './support/browser.js';
import { artifacts, missingBuilds, startE2eStack, writeJson, type E2eStack } from './support/e2e-stack.js';

/*
 * The console end to end: the whole stack as processes, the simulator as the fleet, Debian's Chromium as the user.
 * A scenario whose backend operation the gateway does not document yet is skipped, the missing routes in its name.
 */
const cannotRun = !existsSync(CHROMIUM) ? `${CHROMIUM} is not installed` : missingBuilds().length ? `not built: ${missingBuilds().join(', ')}` : null;
const stack: E2eStack | null = cannotRun ? null : await startE2eStack();
const browser: Browser | null = stack ? await launch() : null;

/** The operations the running gateway documents, found the way the console finds them. */
const offered = stack ? resolveEndpoints(stack.openapi, endpointSpecs) : {};
const fleetRoutes: EndpointKey[] = ['siteCreate', 'deviceCreate', 'devices', 'healthSummary', 'deviceLiveness'];
const missingOps = (needs: EndpointKey[]) =>
  needs.filter((k) => !offered[k as keyof typeof offered]).map((k) => `${endpointSpecs[k].method} ${endpointSpecs[k].path}`);

async function api<T>(method: string, p: string, key: string, body?: unknown): Promise<T> {
  const res = await fetch(stack!.baseUrl + p, {
    method,
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${p}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/*
 * The simulated fleet is registered before the scenarios are defined, and the health service is given a minute to
 * report one of its devices online: scenarios about liveness fail, with the reason, when it does not.
 */
const fleetFile = path.join(artifacts, 'fleet.json');
let fleetProblem: string | null = null;
let livenessProblem: string | null = cannotRun;
if (stack && missingOps(fleetRoutes).length === 0) {
  rmSync(fleetFile, { force: true });
  await api('POST', '/api/v1/sites', stack.adminKey, { name: 'Lyon HQ', code: 'LYON', country: 'FR', lat: 45.76, lon: 4.84 });
  const sim = stack.startSimulator(['--org', stack.orgId, '--register', stack.baseUrl, '--api-key', stack.adminKey, '--devices', '12', '--sites', '3', '--interval', '5', '--threshold', '12', '--write-fleet', fleetFile]);
  let simErr = '';
  sim.stderr?.on('data', (b: Buffer) => (simErr = (simErr + b.toString()).slice(-400)));
  await waitUntil(async () => existsSync(fleetFile) || sim.exitCode !== null, 90_000);
  if (!existsSync(fleetFile)) fleetProblem = `the simulator could not register its fleet through the gateway: ${simErr.trim() || 'timed out'}`;
  livenessProblem = fleetProblem ?? (await waitUntil(async () => {
    const s = await api<{ byState: Record<string, number> }>('GET', '/api/v1/health/summary', stack.adminKey);
    return (s.byState['online'] ?? 0) > 0;
  }, 90_000)
    ? null
    : 'the health service reported no simulated device online within 90 s of its heartbeats');
}

/** `it` when the gateway offers every operation (and liveness works, if asked), else a failing test saying what is missing. */
function scenario(
  name: string,
  needs: EndpointKey[],
  fn: () => Promise<void>,
  o: { fleet?: boolean; liveness?: boolean; timeoutMs?: number } = {},
): void {
  const missing = cannotRun ? [cannotRun] : missingOps(needs);
  if ((o.fleet || o.liveness) && fleetProblem && missing.length === 0) missing.push(fleetProblem);
  else if (o.liveness && livenessProblem && missing.length === 0) missing.push(livenessProblem);
  // The console ships with this gateway: an operation it needs and does not find is a failure, not a skip.
  if (missing.length) {
    it(name, () => {
      throw new Error(`backend missing: ${missing.join(', ')}`);
    });
  } else it(name, fn, o.timeoutMs ?? 120_000);
}

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
}, 60_000);

describe('console in Chromium', () => {
  let admin: Page;

  // Catches a console that calls a path the gateway renamed: its controls would silently not be offered.
  scenario('finds every operation it uses in the gateway API', Object.keys(endpointSpecs) as EndpointKey[], async () => {
    expect(Object.keys(offered).sort()).toEqual(Object.keys(endpointSpecs).sort());
  });

  scenario('serves the console and measures its first load', ['me'], async () => {
    const page = await browser!.context.newPage();
    const started = Date.now();
    await page.goto(stack!.baseUrl + '/');
    await page.getByRole('textbox', { name: 'API key' }).waitFor();
    const interactiveMs = Date.now() - started;
    const nav = await page.evaluate(() => JSON.stringify(performance.getEntriesByType('navigation')[0]));
    const timing = JSON.parse(nav) as { loadEventEnd: number; domContentLoadedEventEnd: number };
    const renderedMs = await page.evaluate(() => performance.getEntriesByName('fleetward:first-render')[0]!.startTime);
    writeJson('first-load.json', { renderedMs, interactiveMs, loadEventEndMs: timing.loadEventEnd, domContentLoadedMs: timing.domContentLoadedEventEnd });
    await shot(page, 'sign-in');
    expect(renderedMs).toBeLessThan(1000);
    await page.close();
  });

  scenario('signs in with an API key', ['me'], async () => {
    admin = await browser!.context.newPage();
    await signInWithKey(admin, stack!.baseUrl, stack!.adminKey);
    await expect(admin.getByTestId('who').textContent()).resolves.toContain('admin');
    await shot(admin, 'overview-empty');
  });

  scenario('the simulated fleet appears', fleetRoutes, async () => {
    await goTo(admin, 'Devices');
    await admin.locator('tr[data-device="sim camera 0"]').waitFor({ timeout: 30_000 });
    await goTo(admin, 'Overview');
    await admin.getByTestId('site-tree').getByText('Simulated site 0').waitFor({ timeout: 30_000 });
    await expect(admin.getByTestId('state-counts').textContent()).resolves.toMatch(/1[23]\s*total/);
    await shot(admin, 'overview');
  }, { fleet: true });

  scenario('a device that stops shows offline without a reload', [...fleetRoutes, 'events'], async () => {
    const fleet = JSON.parse(readFileSync(fleetFile, 'utf8')) as { orgId: string; sites: Array<{ siteId: string; devices: string[] }> };
    const stoppedDevice = fleet.sites[0]!.devices[0]!;
    await goTo(admin, 'Devices');
    const row = admin.locator('tr[data-device="sim camera 0"]');
    await row.getByText('online').waitFor({ timeout: 60_000 });
    const reduced = { ...fleet, sites: fleet.sites.map((s) => ({ ...s, devices: s.devices.filter((d) => d !== stoppedDevice) })) };
    const reducedFile = path.join(artifacts, 'fleet-minus-one.json');
    writeFileSync(reducedFile, JSON.stringify(reduced));
    // The first collector stops and a second one reports every device but the stopped one.
    await stack!.stopSimulators();
    stack!.startSimulator(['--fleet', reducedFile, '--interval', '5']);
    await row.getByText('offline').waitFor({ timeout: 90_000 });
    await shot(admin, 'devices-offline');
  }, { liveness: true, timeoutMs: 150_000 });

  scenario('acknowledges the offline device incident with a note', [...fleetRoutes, 'events', 'incidents', 'incidentAck'], async () => {
    await goTo(admin, 'Incidents');
    const incident = admin.locator('li.incident', { hasText: 'sim camera 0' }).first();
    await incident.waitFor({ timeout: 60_000 });
    await incident.getByLabel('Note').fill('contractor on site');
    await incident.getByRole('button', { name: 'Acknowledge' }).click();
    await admin.getByLabel('Show').selectOption('acknowledged');
    await admin.locator('li.incident', { hasText: 'contractor on site' }).waitFor({ timeout: 15_000 });
    await shot(admin, 'incidents');
  }, { liveness: true });

  scenario('imports a CSV with a bad row and shows the row error', ['importCreate', 'importErrors'], async () => {
    const csv = path.join(artifacts, 'import.csv');
    writeFileSync(csv, 'vendor,model,type,name,serial,purchase_date,purchase_cost,warranty_end\r\nAxis,P3265,camera,Dock cam,E2E-1,2021-01-10,450,2024-01-10\r\nAxis,P3265,toaster,Bad row,E2E-2,2021-01-10,450,2024-01-10\r\n');
    await goTo(admin, 'Inventory');
    await admin.getByLabel('CSV file').setInputFiles(csv);
    await admin.getByRole('button', { name: 'Import', exact: true }).click();
    const failure = admin.locator('form.import [role=alert]');
    await admin.getByTestId('import-result').or(failure).waitFor({ timeout: 60_000 });
    await shot(admin, 'inventory-import');
    expect(await failure.allTextContents()).toEqual([]);
    const errors = admin.getByTestId('import-errors');
    await errors.waitFor({ timeout: 10_000 });
    await expect(admin.getByTestId('import-result').textContent()).resolves.toMatch(/1 rejected/);
    await expect(errors.textContent()).resolves.toMatch(/toaster/);
  });

  scenario('sets the organisation replacement policy in settings', ['policies', 'policyPut'], async () => {
    await goTo(admin, 'Settings');
    const policies = admin.getByRole('region', { name: 'Replacement policies' });
    await policies.getByRole('button', { name: 'Add policy' }).click();
    await policies.getByLabel('Replace on').selectOption('warranty-expiry');
    await policies.getByLabel('Lead time (days)').fill('60');
    await policies.getByLabel(/^Annual cap/).fill('150');
    await policies.getByRole('button', { name: 'Save changes' }).click();
    // Checked in the browser before anything is sent.
    await policies.getByRole('alert').getByText('The annual cap is a percentage above 0, at most 100.').waitFor();
    await policies.getByLabel(/^Annual cap/).fill('20');
    await policies.getByRole('button', { name: 'Save changes' }).click();
    const saved = policies.locator('li[data-policy="Organisation default"]');
    await saved.waitFor({ timeout: 15_000 });
    await expect(saved.textContent()).resolves.toMatch(/warranty-expiry.*60 days ahead.*at most 20% of the fleet a year/);
    const stored = await api<{ items: Array<{ siteId: string | null; leadDays: number; annualCapPct: number }> }>('GET', '/api/v1/replacement-policies', stack!.adminKey);
    expect(stored.items.filter((p) => p.siteId === null).map((p) => [p.leadDays, p.annualCapPct])).toEqual([[60, 20]]);
    await shot(admin, 'settings-policy');
  });

  scenario('approves, then defers with a reason, a replacement plan item', ['plan', 'planMove', 'planExport'], async () => {
    // The imported "Dock cam" is out of warranty since 2024: the policy set above plans its replacement.
    await goTo(admin, 'Replacements');
    const row = admin.locator('tr[data-plan-item="Dock cam"]');
    for (let i = 0; i < 20 && !(await row.count()); i++) {
      await new Promise((r) => setTimeout(r, 1000));
      await goTo(admin, 'Overview');
      await goTo(admin, 'Replacements');
    }
    await row.waitFor({ timeout: 10_000 });
    await expect(row.getByTestId('plan-state').textContent()).resolves.toBe('proposed');
    await row.getByLabel('New state of Dock cam').selectOption('approved');
    await row.getByRole('button', { name: 'Apply' }).click();
    await row.locator('[data-testid=plan-state]', { hasText: 'approved' }).waitFor({ timeout: 15_000 });
    await row.getByLabel('New state of Dock cam').selectOption('deferred');
    await row.getByRole('button', { name: 'Apply' }).click();
    await row.getByRole('alert').getByText('Say why it is deferred.').waitFor();
    await row.getByLabel('Reason').fill('budget next year');
    await row.getByRole('button', { name: 'Apply' }).click();
    await row.locator('[data-testid=plan-state]', { hasText: 'deferred' }).waitFor({ timeout: 15_000 });
    await row.getByText('“budget next year”').waitFor();
    await admin.getByRole('button', { name: 'Export plan.csv' }).waitFor();
    const csv = await (await fetch(`${stack!.baseUrl}/api/v1/reports/plan.csv`, { headers: { authorization: `Bearer ${stack!.adminKey}` } })).text();
    expect(csv.split('\n').find((l) => l.includes('Dock cam'))).toMatch(/,deferred,budget next year,/);
    await shot(admin, 'replacements-plan');
  });

  scenario('opens the replacement forecast', ['forecast'], async () => {
    await goTo(admin, 'Replacements');
    await admin.getByTestId('forecast-chart').or(admin.getByText('Nothing to forecast yet.')).waitFor({ timeout: 30_000 });
    await expect(admin.locator('.notice.error').count()).resolves.toBe(0);
    await shot(admin, 'replacements');
  });

  scenario('a viewer sees no write controls', ['keyCreate', 'me'], async () => {
    const viewerKey = (await api<{ key: string }>('POST', '/api/v1/keys', stack!.adminKey, { name: 'e2e viewer', role: 'viewer' })).key;
    const viewer = await browser!.context.newPage();
    await signInWithKey(viewer, stack!.baseUrl, viewerKey);
    await expect(viewer.getByTestId('who').textContent()).resolves.toContain('viewer');
    await goTo(viewer, 'Inventory');
    await viewer.getByText('Your role (viewer) cannot change the inventory.').waitFor();
    await goTo(viewer, 'Incidents');
    await viewer.getByRole('heading', { name: 'Incidents' }).waitFor();
    await goTo(viewer, 'Settings');
    await viewer.getByRole('heading', { name: 'API keys' }).waitFor();
    // The admin's policy is there to read, with nothing to change it.
    await viewer.locator('li[data-policy="Organisation default"]').waitFor({ timeout: 15_000 });
    for (const view of ['Inventory', 'Incidents', 'Settings', 'Devices', 'Replacements', 'Firmware']) {
      await goTo(viewer, view);
      // Write controls render with their sections: wait until nothing is loading any more.
      await viewer.locator('[aria-busy="true"]').first().waitFor({ state: 'detached', timeout: 15_000 });
      const writes = await viewer
        .getByRole('button', { name: /^(Acknowledge|Add |Import|Create window|Create key|Test send|Save changes|Edit|Delete|Enable|Disable|Apply)/ })
        .count();
      expect({ view, writes }).toEqual({ view, writes: 0 });
      await expect(viewer.locator('input[type=file]').count()).resolves.toBe(0);
      await expect(viewer.locator('form.move, form[aria-label="Replacement policy"]').count()).resolves.toBe(0);
    }
    await shot(viewer, 'viewer-settings');
    await viewer.close();
  });

  scenario('shows firmware compliance per site and per model', ['complianceBreakdown'], async () => {
    await goTo(admin, 'Firmware');
    // Every device of the fleet is counted in one site row or another, evaluated or not.
    const bySite = admin.getByTestId('compliance-by-site');
    await bySite.waitFor({ timeout: 30_000 });
    await expect(bySite.locator('tbody tr').count()).resolves.toBeGreaterThan(0);
    await admin.getByTestId('compliance-by-model').waitFor();
  });

  scenario('screenshots of every main view, and the wall board', ['me'], async () => {
    for (const [label, file] of [['Firmware', 'firmware'], ['Settings', 'settings'], ['Devices', 'devices'], ['Replacements', 'replacements-final'], ['Overview', 'overview-final']] as const) {
      await goTo(admin, label);
      await admin.locator('main').waitFor();
      await admin.locator('[aria-busy="true"]').first().waitFor({ state: 'detached', timeout: 15_000 }).catch(() => undefined);
      await shot(admin, file);
    }
    await goTo(admin, 'Wall');
    await admin.getByTestId('wall').waitFor();
    await admin.setViewportSize({ width: 1920, height: 1080 });
    await shot(admin, 'wall');
    await admin.setViewportSize({ width: 1366, height: 768 });
  });
});

/** Polls `check` until it is true or the time is up; answers which. */
async function waitUntil(check: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return true;
    await new Promise((r) => setTimeout(r, 500));
  }
  return false;
}
