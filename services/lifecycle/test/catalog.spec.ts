import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CatalogService } from '../src/catalog/catalog.service.js';
import { parseFeed } from '../src/catalog/feed-parser.js';
import { lifecycleDb, type LifecycleDb } from './support/lifecycle-db.js';

const CSV = `vendor,models,version,release_date,track,line,line_end_of_support,cves,release_notes_url
Axis,P3265-LVE;Q1656,10.12.182,2023-03-01,lts,,2028-12-31,,https://www.axis.com/ftp/pub_soft/cam/10.12.182/notes.txt
Axis,P3265-LVE;Q1656,11.0.89,2024-01-15,active,,,CVE-2023-21406:critical;CVE-2023-21407:high,
Hanwha,XNV-8080R,2.40.01_20230712,2023-07-12,active,,,,
Hanwha,XNV-8080R,not-a-version,2023-07-12,active,,,,
Bad,,1.0,2023-13-45,,,,,
`;

describe('firmware catalog import (real Postgres, outbox)', () => {
  let l: LifecycleDb;
  let catalog: CatalogService;
  const outbox = () => l.db.ownerDataSource.query(`SELECT subject, payload FROM outbox ORDER BY subject`);

  beforeAll(async () => {
    l = await lifecycleDb();
    catalog = new CatalogService(l.db.dataSource);
  });
  afterAll(() => l.close());

  it('parses a CSV feed, reporting bad rows instead of importing them', () => {
    const feed = parseFeed(CSV, 'csv');
    expect(feed.releases.map((r) => r.version)).toEqual(['10.12.182', '11.0.89', '2.40.01_20230712', 'not-a-version']);
    expect(feed.releases[1]!.cves).toEqual([
      { id: 'CVE-2023-21406', severity: 'critical' },
      { id: 'CVE-2023-21407', severity: 'high' },
    ]);
    expect(feed.problems.map((p) => p.row)).toEqual([5]);
  });

  it('imports a feed once: new releases publish firmware.released, a re-import publishes nothing', async () => {
    const feed = parseFeed(CSV, 'csv');
    expect(await catalog.importReleases(feed.releases)).toEqual({
      created: 3,
      updated: 0,
      skipped: [{ version: 'not-a-version', reason: 'VERSION_WITHOUT_NUMBER' }],
    });
    const first = await outbox();
    expect(first).toHaveLength(3);
    expect(first.every((r: { subject: string }) => r.subject === 'fleet.catalog.firmware.released.v1')).toBe(true);
    const axis = first
      .map((r: { payload: { data: { version: string; securityFixes: unknown[] } } }) => r.payload.data)
      .find((d: { version: string }) => d.version === '11.0.89');
    expect(axis.securityFixes).toHaveLength(2);
    expect((await catalog.importReleases(feed.releases)).updated).toBe(3);
    expect(await outbox()).toHaveLength(3);
  });

  it('imports JSON and lists releases newest first per vendor', async () => {
    const json = JSON.stringify({
      releases: [{ vendor: 'axis', models: ['P3265-LVE'], version: '11.1.3', releaseDate: '2024-06-01', cves: [] }],
    });
    await catalog.importReleases(parseFeed(json, 'json').releases);
    const list = await catalog.listReleases({ vendor: 'AXIS', model: 'p3265-lve', limit: 10, offset: 0 });
    expect(list.map((r) => r.version)).toEqual(['11.1.3', '11.0.89', '10.12.182']);
    expect(list[2]).toMatchObject({ track: 'lts', lineEndOfSupport: '2028-12-31', models: ['P3265-LVE', 'Q1656'] });
  });
});
