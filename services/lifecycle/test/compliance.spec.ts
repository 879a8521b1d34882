import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ComplianceRepository } from '../src/compliance/compliance.repository.js';
import { versionKey } from '../src/firmware/version-key.js';
import { lifecycleDb, type LifecycleDb } from './support/lifecycle-db.js';

const compliance = new ComplianceRepository();
const NOW = new Date('2026-06-15T12:00:00Z');

describe('firmware compliance (set-based, real Postgres)', () => {
  let l: LifecycleDb;
  beforeAll(async () => {
    l = await lifecycleDb();
    await l.releases([
      { version: '10.12.182', releaseDate: '2025-09-01', lineEndOfSupport: '2030-01-01' },
      { version: '10.12.199', releaseDate: '2026-01-10', cves: [{ id: 'CVE-2025-0001', severity: 'high' }] },
      { version: '11.0.89', releaseDate: '2026-03-01', cves: [{ id: 'CVE-2026-1111', severity: 'critical' }] },
      { version: '11.1.3', releaseDate: '2026-05-01' },
      { version: '9.80.3.8', releaseDate: '2024-01-01', lineEndOfSupport: '2026-06-01' },
      { vendor: 'Hanwha', models: ['XNV-8080R'], version: '2.40.01_20230712', releaseDate: '2023-07-12' },
    ]);
  });
  afterAll(() => l.close());

  it('classifies current, behind, vulnerable, unsupported and unknown devices', async () => {
    const org = l.newOrg();
    await l.devices(org, [
      { deviceId: 'cur', firmwareVersion: '11.1.3' },
      { deviceId: 'behind', firmwareVersion: '11.0.89' },
      { deviceId: 'vuln', firmwareVersion: '10.12.182' },
      { deviceId: 'between', firmwareVersion: '10.12.190' },
      { deviceId: 'old-line', firmwareVersion: '9.80.3.8' },
      { deviceId: 'no-version', firmwareVersion: null },
      { deviceId: 'no-model', model: 'Q1700', firmwareVersion: '1.0' },
      { deviceId: 'hanwha', vendor: 'HANWHA ', model: 'xnv-8080r', firmwareVersion: '2.40.01_20230712' },
    ]);
    const changes = await l.org(org, (m) => compliance.evaluate(m, org, NOW));
    const by = Object.fromEntries(changes.map((c) => [c.deviceId, c]));
    expect(by['cur']).toMatchObject({ status: 'current', compliant: true, releasesBehind: 0 });
    expect(by['behind']).toMatchObject({
      status: 'behind',
      compliant: true,
      releasesBehind: 1,
      latestVersion: '11.1.3',
    });
    expect(by['vuln']).toMatchObject({
      status: 'vulnerable',
      compliant: false,
      releasesBehind: 3,
      maxSeverity: 'critical',
    });
    expect(by['vuln']!.cves).toEqual(['CVE-2025-0001', 'CVE-2026-1111']);
    expect(by['between']).toMatchObject({
      status: 'vulnerable',
      releasesBehind: 3,
      cves: ['CVE-2025-0001', 'CVE-2026-1111'],
    });
    expect(by['old-line']).toMatchObject({ status: 'unsupported', compliant: false });
    expect(by['no-version']).toMatchObject({ status: 'unknown', compliant: true });
    expect(by['no-model']).toMatchObject({ status: 'unknown', compliant: true });
    expect(by['hanwha']).toMatchObject({ status: 'current', compliant: true });
    expect(
      changes
        .filter((c) => c.becameNoncompliant)
        .map((c) => c.deviceId)
        .sort(),
    ).toEqual(['between', 'old-line', 'vuln']);
    const [row] = await l.org(org, (m) =>
      m.query(`SELECT behind_since::text FROM device_compliance WHERE device_id = 'vuln'`),
    );
    expect(row.behind_since).toBe('2026-01-10');
  });

  it('writes nothing and announces nothing when re-evaluated without change', async () => {
    const org = l.newOrg();
    await l.devices(org, [
      { deviceId: 'a', firmwareVersion: '10.12.182' },
      { deviceId: 'b', firmwareVersion: '11.1.3' },
    ]);
    await l.org(org, (m) => compliance.evaluate(m, org, NOW));
    const again = await l.org(org, (m) => compliance.evaluate(m, org, new Date(NOW.getTime() + 3_600_000)));
    expect(again).toEqual([]);
  });

  it('announces a device once per transition to non-compliant', async () => {
    const org = l.newOrg();
    await l.devices(org, [{ deviceId: 'a', firmwareVersion: '11.1.3' }]);
    expect((await l.org(org, (m) => compliance.evaluate(m, org, NOW)))[0]!.becameNoncompliant).toBe(false);
    await l.releases([
      { version: '11.2.0', releaseDate: '2026-06-01', cves: [{ id: 'CVE-2026-2222', severity: 'medium' }] },
    ]);
    const t1 = new Date(NOW.getTime() + 1000);
    expect((await l.org(org, (m) => compliance.evaluate(m, org, t1)))[0]).toMatchObject({
      status: 'vulnerable',
      becameNoncompliant: true,
    });
    await l.releases([
      { version: '11.3.0', releaseDate: '2026-06-10', cves: [{ id: 'CVE-2026-3333', severity: 'low' }] },
    ]);
    const t2 = new Date(NOW.getTime() + 2000);
    const still = await l.org(org, (m) => compliance.evaluate(m, org, t2));
    expect(still[0]).toMatchObject({ status: 'vulnerable', becameNoncompliant: false });
    expect(still[0]!.cves).toEqual(['CVE-2026-2222', 'CVE-2026-3333']);
  });

  it('judges against the approved baseline of the model when the organisation sets one', async () => {
    const org = l.newOrg();
    await l.devices(org, [
      { deviceId: 'below', firmwareVersion: '10.12.182' },
      { deviceId: 'at', firmwareVersion: '10.12.199' },
      { deviceId: 'unknown', firmwareVersion: 'n/a' },
    ]);
    await l.org(org, (m) =>
      m.query(
        `INSERT INTO firmware_baseline (org_id, vendor_key, model_key, version, version_key) VALUES ($1, 'axis', 'p3265', '10.12.199', $2)`,
        [org, versionKey('10.12.199')],
      ),
    );
    const by = Object.fromEntries(
      (await l.org(org, (m) => compliance.evaluate(m, org, NOW))).map((c) => [c.deviceId, c]),
    );
    expect(by['below']!.compliant).toBe(false);
    expect(by['at']).toMatchObject({ status: 'vulnerable', compliant: true });
    expect(by['unknown']!.compliant).toBe(false);
  });

  it('counts an LTS device behind only its own track, and a CVE its track already fixed as closed', async () => {
    await l.releases([
      { vendor: 'Bosch', models: ['Q6135'], version: '10.12.100', track: 'lts', releaseDate: '2025-01-10' },
      { vendor: 'Bosch', models: ['Q6135'], version: '11.0.10', releaseDate: '2025-03-01' },
      {
        vendor: 'Bosch',
        models: ['Q6135'],
        version: '10.12.110',
        track: 'lts',
        releaseDate: '2025-06-01',
        cves: [{ id: 'CVE-2025-4000', severity: 'high' }],
      },
      {
        vendor: 'Bosch',
        models: ['Q6135'],
        version: '11.2.5',
        releaseDate: '2025-06-01',
        cves: [{ id: 'CVE-2025-4000', severity: 'high' }],
      },
      {
        vendor: 'Bosch',
        models: ['Q6135'],
        version: '11.3.0',
        releaseDate: '2025-09-01',
        cves: [{ id: 'CVE-2025-5000', severity: 'medium' }],
      },
    ]);
    const org = l.newOrg();
    await l.devices(org, [
      { deviceId: 'lts-old', vendor: 'Bosch', model: 'Q6135', firmwareVersion: '10.12.100' },
      { deviceId: 'lts-new', vendor: 'Bosch', model: 'Q6135', firmwareVersion: '10.12.110' },
      { deviceId: 'active', vendor: 'Bosch', model: 'Q6135', firmwareVersion: '11.0.10' },
    ]);
    const by = Object.fromEntries(
      (await l.org(org, (m) => compliance.evaluate(m, org, NOW))).map((c) => [c.deviceId, c]),
    );
    // Behind by its own track only (one newer LTS release), vulnerable to what that release and the active track fix.
    expect(by['lts-old']).toMatchObject({ status: 'vulnerable', releasesBehind: 1, latestVersion: '10.12.110' });
    expect(by['lts-old']!.cves).toEqual(['CVE-2025-4000', 'CVE-2025-5000']);
    // The newest LTS release: not behind the active track, CVE-2025-4000 fixed by its own release, 5000 still open.
    expect(by['lts-new']).toMatchObject({ releasesBehind: 0, latestVersion: null, cves: ['CVE-2025-5000'] });
    expect(by['active']).toMatchObject({ status: 'vulnerable', releasesBehind: 2, latestVersion: '11.3.0' });
    expect(by['active']!.cves).toEqual(['CVE-2025-4000', 'CVE-2025-5000']);
  });

  it('judges a device on a listed release by the line the catalog names, not one read from the version', async () => {
    await l.releases([
      {
        vendor: 'Milestone',
        models: ['XProtect'],
        version: '2023 R3',
        line: '2023',
        lineEndOfSupport: '2026-03-31',
        releaseDate: '2023-10-01',
      },
      { vendor: 'Milestone', models: ['XProtect'], version: '2025 R1', line: '2025', releaseDate: '2025-03-01' },
    ]);
    const org = l.newOrg();
    await l.devices(org, [
      { deviceId: 'old', vendor: 'Milestone', model: 'XProtect', firmwareVersion: '2023 R3' },
      { deviceId: 'new', vendor: 'Milestone', model: 'XProtect', firmwareVersion: '2025 R1' },
    ]);
    const by = Object.fromEntries(
      (await l.org(org, (m) => compliance.evaluate(m, org, NOW))).map((c) => [c.deviceId, c]),
    );
    expect(by['old']).toMatchObject({ status: 'unsupported', compliant: false });
    expect(by['new']).toMatchObject({ status: 'current', compliant: true });
  });

  it('dates end of support in the site timezone', async () => {
    const org = l.newOrg();
    await l.org(org, (m) =>
      l.projection.upsertSite(m, org, { siteId: 'tokyo', parentId: null, timezone: 'Asia/Tokyo' }),
    );
    await l.devices(org, [
      { deviceId: 'tokyo', siteId: 'tokyo', firmwareVersion: '9.80.3.8' },
      { deviceId: 'utc', firmwareVersion: '9.80.3.8' },
    ]);
    // 2026-05-31T20:00Z is already June 1st in Tokyo, the line's end of support.
    const by = Object.fromEntries(
      (await l.org(org, (m) => compliance.evaluate(m, org, new Date('2026-05-31T20:00:00Z')))).map((c) => [
        c.deviceId,
        c,
      ]),
    );
    expect(by['tokyo']!.status).toBe('unsupported');
    expect(by['utc']!.status).not.toBe('unsupported');
  });

  it('keeps organisations apart (row-level security)', async () => {
    const a = l.newOrg();
    const b = l.newOrg();
    await l.devices(a, [{ deviceId: 'x', firmwareVersion: '10.12.182' }]);
    await l.org(a, (m) => compliance.evaluate(m, a, NOW));
    const seen = await l.org(b, (m) => m.query(`SELECT count(*)::int AS n FROM device_compliance`));
    expect(seen[0].n).toBe(0);
  });
});
