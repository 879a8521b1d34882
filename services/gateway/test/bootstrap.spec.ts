import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { uniqueId } from '@fleetward/platform/testing';
import { parseBootstrapArgs } from '../src/cli/bootstrap-args.js';
import { runBootstrap } from '../src/cli/bootstrap-command.js';
import { orgIdFor } from '../src/organisations/organisation.service.js';
import { subjectTokenSchema } from '@fleetward/contracts';
import { bearer, startGateway, type TestGateway } from './support/gateway-app.js';

describe('bootstrap CLI', () => {
  let gw: TestGateway;
  let dir: string;

  beforeAll(async () => {
    gw = await startGateway();
    dir = mkdtempSync(path.join(os.tmpdir(), 'fw-bootstrap-'));
  }, 60_000);
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await gw?.close();
  });

  it('derives a subject-token org id from the name', () => {
    const id = orgIdFor('Demo Security Co');
    expect(id).toMatch(/^org_[a-z2-7]{16}$/);
    expect(subjectTokenSchema.safeParse(id).success).toBe(true);
    expect(orgIdFor('  demo security co ')).toBe(id);
  });

  it('parses its arguments and names what is missing', () => {
    expect(parseBootstrapArgs(['--org', 'Demo', '--out', 'k'])).toEqual({ org: 'Demo', out: 'k' });
    expect(() => parseBootstrapArgs([])).toThrow(/--org <name> is required/);
    expect(() => parseBootstrapArgs(['--org', 'x', '--org-id', 'a.b'])).toThrow(/subject token/);
  });

  it('creates the organisation and an admin key that works, writes it to --out, and is idempotent', async () => {
    const out = path.join(dir, 'nested', 'demo-admin-key');
    const name = `Demo ${uniqueId('co')}`;
    const first = await runBootstrap(gw.db.dataSource, { org: name, out });
    expect(first.result).toMatchObject({ orgCreated: true, keyCreated: true });
    expect(readFileSync(out, 'utf8').trim()).toBe(first.result.key);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    expect(first.report).toContain(first.result.key);

    const res = await fetch(gw.url('/api/v1/organisation'), { headers: bearer(first.result.key) });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ id: orgIdFor(name), name });
    expect((await fetch(gw.url('/api/v1/keys'), { headers: bearer(first.result.key) })).status).toBe(200);

    const again = await runBootstrap(gw.db.dataSource, { org: name, out });
    expect(again.result).toMatchObject({
      orgId: first.result.orgId,
      orgCreated: false,
      keyCreated: false,
      key: first.result.key,
    });

    writeFileSync(out, 'not a key\n');
    const replaced = await runBootstrap(gw.db.dataSource, { org: name, out });
    expect(replaced.result).toMatchObject({ orgCreated: false, keyCreated: true });
    expect(replaced.result.key).not.toBe(first.result.key);
    expect((await fetch(gw.url('/api/v1/organisation'), { headers: bearer(replaced.result.key) })).status).toBe(200);
  });
});
