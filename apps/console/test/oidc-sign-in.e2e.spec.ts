import { afterAll, describe, expect, it } from '@jest/globals';
import { existsSync } from 'node:fs';
import type { ChildProcess } from 'node:child_process';
import type { Page } from 'playwright-core';
import { CHROMIUM, goTo, launch, shot, type Browser } from './support/browser.js';
import { missingBuilds, startE2eStack, type E2eStack } from './support/e2e-stack.js';
import { startTestIdp, type TestIdp } from './support/test-idp.js';

/*
 * Sign-in through the organisation's OpenID provider (authorization code + PKCE), end to end: the whole stack, a local
 * provider on a free port, Debian's Chromium following the real redirects. The organisation's OIDC settings and the
 * user's role are set through the public API with the admin key, as an administrator would.
 */
const CLIENT_ID = 'fleetward-console-e2e';
const USER = { sub: 'oidc-e2e-operator', email: 'operator@example.test' };

const cannotRun = !existsSync(CHROMIUM) ? `${CHROMIUM} is not installed` : missingBuilds().length ? `not built: ${missingBuilds().join(', ')}` : null;
const stack: E2eStack | null = cannotRun ? null : await startE2eStack({ logFile: 'oidc-stack.log' });
const idp: TestIdp | null = stack
  ? await startTestIdp({ clientId: CLIENT_ID, redirectUri: `${stack.baseUrl}/auth/callback`, user: USER })
  : null;
const browser: Browser | null = stack ? await launch() : null;

async function api<T>(method: string, p: string, body?: unknown): Promise<T> {
  const res = await fetch(stack!.baseUrl + p, {
    method,
    headers: { authorization: `Bearer ${stack!.adminKey}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${p}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

let userId = '';
let simulator: ChildProcess | null = null;
let simulatorErr = '';
if (stack && idp) {
  await api('PUT', '/api/v1/organisation/oidc', { oidc: { issuer: idp.issuer, audience: CLIENT_ID, jwksUrl: idp.jwksUrl } });
  userId = (await api<{ id: string }>('POST', '/api/v1/users', { subject: USER.sub, email: USER.email, role: 'ot' })).id;
  // One device that reports for a few seconds and then falls silent: its offline incident is what the operator acknowledges.
  simulator = stack.startSimulator(['--org', stack.orgId, '--register', stack.baseUrl, '--api-key', stack.adminKey, '--devices', '1', '--sites', '1', '--interval', '5', '--threshold', '10', '--duration', '12']);
  simulator.stderr?.on('data', (b: Buffer) => (simulatorErr = (simulatorErr + b.toString()).slice(-400)));
}

afterAll(async () => {
  await browser?.close();
  await idp?.close();
  await stack?.stop();
}, 60_000);

/** Rejects, in the simulator's own words, if it could not register its device or report. */
function simulatorFailure(): Promise<never> {
  return new Promise((_, reject) => {
    const fail = (code: number | null) => code && reject(new Error(`the simulator failed (${code}): ${simulatorErr.trim()}`));
    if (simulator!.exitCode !== null) fail(simulator!.exitCode);
    else simulator!.once('exit', fail);
  });
}

/** Opens the console in a new tab (`prepare` runs first) and starts sign-in with the organisation's provider. */
async function startProviderSignIn(prepare?: (page: Page) => Promise<void>): Promise<Page> {
  const page = await browser!.context.newPage();
  await prepare?.(page);
  await page.goto(stack!.baseUrl + '/');
  const form = page.getByRole('form', { name: 'Sign in with your organisation' });
  await form.getByLabel('Issuer URL').fill(idp!.issuer);
  await form.getByLabel('Client id').fill(CLIENT_ID);
  await form.getByRole('button', { name: 'Continue to sign-in' }).click();
  return page;
}

/** The sign-in page is back with `message`, and nothing of a session is left in the tab. */
async function expectSignedOut(page: Page, message: RegExp): Promise<void> {
  await page.getByRole('alert').filter({ hasText: message }).waitFor({ timeout: 15_000 });
  // Said above both forms, not as if the API key had been refused.
  await expect(page.getByRole('form', { name: 'Sign in with an API key' }).getByRole('alert').count()).resolves.toBe(0);
  await expect(page.getByTestId('who').count()).resolves.toBe(0);
  await page.getByRole('textbox', { name: 'API key' }).waitFor();
  await expect(page.evaluate(() => ({ ...sessionStorage }))).resolves.toEqual({});
  expect(new URL(page.url()).pathname).toBe('/');
}

const test = (name: string, fn: () => Promise<void>, timeoutMs = 60_000) =>
  cannotRun ? it(name, () => { throw new Error(cannotRun); }) : it(name, fn, timeoutMs);

describe('sign-in with the organisation OpenID provider', () => {
  test('signs an ot user in with the authorization code and PKCE, who can acknowledge but not edit policies', async () => {
    const page = await startProviderSignIn();
    await page.getByTestId('who').waitFor({ timeout: 15_000 });
    await expect(page.getByTestId('who').textContent()).resolves.toMatch(/· ot$/);
    expect(new URL(page.url()).pathname).toBe('/');
    expect({ issued: idp!.issued, refusals: idp!.refusals }).toEqual({ issued: 1, refusals: [] });
    await shot(page, 'oidc-signed-in');

    await goTo(page, 'Settings');
    const policies = page.getByRole('region', { name: 'Replacement policies' });
    await policies.waitFor();
    await page.locator('[aria-busy="true"]').first().waitFor({ state: 'detached', timeout: 15_000 });
    await expect(policies.getByRole('button', { name: /^(Add policy|Edit|Delete|Save changes)/ }).count()).resolves.toBe(0);
    await expect(page.locator('form[aria-label="Replacement policy"]').count()).resolves.toBe(0);
    await expect(page.getByRole('button', { name: 'Create key' }).count()).resolves.toBe(0);

    await goTo(page, 'Incidents');
    const incident = page.locator('li.incident', { hasText: 'sim camera 0' }).first();
    await Promise.race([incident.waitFor({ timeout: 60_000 }), simulatorFailure()]);
    await incident.getByLabel('Note').fill('guard on the way');
    await incident.getByRole('button', { name: 'Acknowledge' }).click();
    await page.getByLabel('Show').selectOption('acknowledged');
    await page.locator('li.incident', { hasText: 'guard on the way' }).waitFor({ timeout: 15_000 });
    await shot(page, 'oidc-ot-incidents');
    const acked = await api<{ items: Array<{ acknowledgedBy: string | null; ackNote: string | null }> }>('GET', '/api/v1/incidents?status=acknowledged');
    expect(acked.items.map((i) => [i.acknowledgedBy, i.ackNote])).toContainEqual([`user:${userId}`, 'guard on the way']);
    await page.close();
  }, 90_000);

  test('renews the sign-in with the refresh token before the ID token expires and carries on with the new one', async () => {
    // Renewal is due 60 s before expiry: with 65 s tokens, about 5 s after sign-in and then every 5 s.
    idp!.lifetimeSec = 65;
    try {
      const page = await startProviderSignIn();
      await page.getByTestId('who').waitFor({ timeout: 15_000 });
      const first = await page.evaluate(() => sessionStorage.getItem('fleetward.token'));
      const renewedBefore = idp!.renewed;
      // Two renewals: the second can only use the refresh token the first one rotated in.
      const deadline = Date.now() + 30_000;
      while (idp!.renewed < renewedBefore + 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
      expect(idp!.renewed).toBeGreaterThanOrEqual(renewedBefore + 2);
      expect(idp!.refusals.filter((r) => r.includes('refresh'))).toEqual([]);
      await page.waitForFunction((t) => sessionStorage.getItem('fleetward.token') === t, idp!.lastIdToken, { timeout: 10_000 });
      const current = idp!.lastIdToken!;
      expect(current).not.toBe(first);

      // The console's API calls now carry the renewed token, and the gateway accepts it.
      const call = page.waitForResponse((r) => r.url().includes('/api/v1/') && r.request().headers()['authorization'] === `Bearer ${current}`);
      await goTo(page, 'Devices');
      expect((await call).status()).toBe(200);
      await expect(page.getByTestId('who').textContent()).resolves.toMatch(/· ot$/);
      await page.close();
    } finally {
      idp!.lifetimeSec = 300;
    }
  }, 90_000);

  test('a tampered PKCE verifier is refused by the provider and leaves the user signed out', async () => {
    const before = { issued: idp!.issued, refusals: idp!.refusals.length };
    // Someone holding the code but not this tab's verifier: the token request carries another one.
    const page = await startProviderSignIn((p) =>
      p.route(`${idp!.issuer}/token`, (route) => {
        const form = new URLSearchParams(route.request().postData() ?? '');
        form.set('code_verifier', 'x'.repeat(43));
        return route.continue({ postData: form.toString() });
      }),
    );
    await expectSignedOut(page, /code_verifier does not match the code_challenge/);
    expect(idp!.refusals.slice(before.refusals)).toEqual(['token: code_verifier does not match the code_challenge']);
    expect(idp!.issued).toBe(before.issued);
    await shot(page, 'oidc-refused-verifier');
    await page.close();
  });

  test('a user the organisation has not registered is told so and stays signed out', async () => {
    idp!.user = { sub: 'stranger', email: 'stranger@example.test' };
    try {
      const page = await startProviderSignIn();
      await expectSignedOut(page, /signed you in as stranger@example.test \(subject stranger\).*Users and roles/);
      await page.close();
    } finally {
      idp!.user = USER;
    }
  });

  test('an ID token for another audience leaves the user signed out', async () => {
    idp!.audience = 'another-application';
    try {
      const page = await startProviderSignIn();
      await expectSignedOut(page, /another-application/);
      await shot(page, 'oidc-refused-audience');
      await page.close();
    } finally {
      idp!.audience = CLIENT_ID;
    }
  });
});
