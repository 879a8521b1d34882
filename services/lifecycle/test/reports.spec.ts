import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { PassThrough } from 'node:stream';
import { ComplianceQueries } from '../src/compliance/compliance.queries.js';
import { ReportService } from '../src/reports/report.service.js';
import { lifecycleDb, type LifecycleDb } from './support/lifecycle-db.js';
import { evaluate, setPolicy } from './support/plan-helpers.js';

async function collect(write: (out: PassThrough) => Promise<void>): Promise<string> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  await write(out);
  return Buffer.concat(chunks).toString('utf8');
}

describe('CSV reports streamed from Postgres (real Postgres, row-level security)', () => {
  let l: LifecycleDb;
  let reports: ReportService;
  let org: string;
  beforeAll(async () => {
    l = await lifecycleDb();
    reports = new ReportService(l.db.dataSource);
    org = l.newOrg();
    await l.releases([
      { version: '11.0.0', releaseDate: '2026-01-01', cves: [{ id: 'CVE-2026-0042', severity: 'high' }] },
    ]);
    await setPolicy(l, org, { kind: 'warranty-expiry', leadDays: 30 });
    await l.devices(org, [
      { deviceId: 'a', siteId: 's1', firmwareVersion: '10.0', warrantyEnd: '2026-01-01', cost: 100 },
      { deviceId: 'b', siteId: 's1', firmwareVersion: '11.0.0', warrantyEnd: '2030-01-01' },
      { deviceId: 'c', siteId: 's2', firmwareVersion: '11.0.0', warrantyEnd: '2030-01-01' },
    ]);
    const other = l.newOrg();
    await setPolicy(l, other, { kind: 'warranty-expiry', leadDays: 30 });
    await l.devices(other, [{ deviceId: 'x', warrantyEnd: '2020-01-01' }]);
    await evaluate(l, org, new Date());
    await evaluate(l, other, new Date());
  });
  afterAll(() => l.close());

  it('writes the plan of the caller organisation only', async () => {
    const csv = await collect((out) => reports.streamCsv(org, 'plan', out));
    const lines = csv.trim().split('\n');
    expect(lines[0]).toMatch(
      /^item_id,device_id,device_name,site_id,device_type,vendor,model,reason,trigger_date,due_date/,
    );
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(',a,');
  });

  it('writes firmware compliance per site', async () => {
    const csv = await collect((out) => reports.streamCsv(org, 'compliance', out));
    expect(csv.trim().split('\n')).toEqual([
      'site_id,devices,current,behind,vulnerable,unsupported,unknown,noncompliant,compliant_pct,open_cves',
      's1,2,1,0,1,0,0,1,50.0,CVE-2026-0042',
      's2,1,1,0,0,0,0,0,100.0,',
    ]);
  });

  it('breaks compliance down per site and per model for the API', async () => {
    const queries = new ComplianceQueries();
    const bySite = await l.org(org, (m) => queries.breakdown(m, org, 'site'));
    expect(bySite).toEqual([
      {
        siteId: 's1',
        devices: 2,
        byStatus: { current: 1, behind: 0, vulnerable: 1, unsupported: 0, unknown: 0 },
        noncompliant: 1,
        compliantPct: 50,
        openCves: ['CVE-2026-0042'],
      },
      {
        siteId: 's2',
        devices: 1,
        byStatus: { current: 1, behind: 0, vulnerable: 0, unsupported: 0, unknown: 0 },
        noncompliant: 0,
        compliantPct: 100,
        openCves: [],
      },
    ]);
    const byModel = await l.org(org, (m) => queries.breakdown(m, org, 'model'));
    expect(byModel).toEqual([
      expect.objectContaining({ vendor: 'Axis', model: 'P3265', devices: 3, noncompliant: 1, compliantPct: 66.7 }),
    ]);
  });

  it('writes the forecast with every policy side by side', async () => {
    const csv = await collect((out) => reports.streamForecastCsv(org, 2, ['reason'], out));
    const lines = csv.trim().split('\n');
    expect(lines[0]).toBe('policy,quarterStart,siteId,deviceType,reason,devices,cost,expectedOfflineDays');
    expect(lines.some((x) => x.startsWith('organisation,'))).toBe(true);
    expect(lines.some((x) => x.startsWith('age,'))).toBe(false);
  });

  it('writes no cell that a spreadsheet would run as a formula (CWE-1236), in every CSV report', async () => {
    const tenant = l.newOrg();
    const formula = `=cmd|' /C calc'!A0`;
    const site = '@SUM(1+1)';
    await setPolicy(l, tenant, { kind: 'warranty-expiry', leadDays: 30 });
    await l.devices(tenant, [
      { deviceId: 'f1', name: formula, siteId: site, vendor: '+Vendor', warrantyEnd: '2026-01-01', cost: 10 },
    ]);
    await evaluate(l, tenant, new Date());
    const plan = await collect((out) => reports.streamCsv(tenant, 'plan', out));
    const compliance = await collect((out) => reports.streamCsv(tenant, 'compliance', out));
    const forecast = await collect((out) => reports.streamForecastCsv(tenant, 2, ['site'], out));
    for (const csv of [plan, compliance, forecast]) {
      const cells = csv
        .trim()
        .split('\n')
        .slice(1)
        .flatMap((line) => line.split(','));
      expect(cells.filter((c) => /^"?[=+@-]/.test(c))).toEqual([]);
    }
    expect(plan).toContain(`,'=cmd|' /C calc'!A0,`);
    expect(plan).toContain(`'@SUM(1+1)`);
    expect(plan).toContain(`'+Vendor`);
    expect(compliance.split('\n')[1]).toMatch(/^'@SUM\(1\+1\),1,/);
    expect(forecast).toContain(`'@SUM(1+1)`);
  });
});
