import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { siteCreateSchema, type Device, type DeviceFilter, type DeviceSort } from '@fleetward/contracts';
import type { TestDatabase } from '@fleetward/platform/testing';
import { seedFleet } from './support/fleet.js';
import { inventoryDatabase, inventoryServices, newOrgId } from './support/inventory-fixture.js';

const N = 20_000;

describe('filters, sorting and keyset pagination over a 20k-device fleet', () => {
  let db: TestDatabase;
  let svc: ReturnType<typeof inventoryServices>;
  const org = newOrgId();
  let region: string;
  let storeA: string;
  let storeB: string;
  let other: string;

  beforeAll(async () => {
    db = await inventoryDatabase();
    svc = inventoryServices(db.dataSource);
    const site = (x: object) => siteCreateSchema.parse(x);
    region = (await svc.sites.create(org, site({ name: 'North', code: 'N' }))).id;
    storeA = (await svc.sites.create(org, site({ name: 'A', code: 'A', parentId: region }))).id;
    storeB = (await svc.sites.create(org, site({ name: 'B', code: 'B', parentId: storeA }))).id;
    other = (await svc.sites.create(org, site({ name: 'South', code: 'S' }))).id;
    await svc.settings.get(org);
    await seedFleet(db.ownerDataSource, org, N, [storeA, storeB, other, region]);
  }, 120_000);
  afterAll(async () => {
    await db.drop();
  });

  async function all(filter: DeviceFilter, sort: DeviceSort, limit: number): Promise<Device[]> {
    const out: Device[] = [];
    let cursor: string | undefined;
    do {
      const page = await svc.devices.list(org, filter, sort, limit, cursor);
      expect(page.items.length).toBeLessThanOrEqual(limit);
      out.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return out;
  }
  const sqlCount = async (where: string, params: unknown[] = []) =>
    (
      await db.ownerDataSource.query(`SELECT count(*)::int AS n FROM device d WHERE d.org_id = $1 AND ${where}`, [
        org,
        ...params,
      ])
    )[0].n;

  it('walks every page of a filtered list exactly once, in order', async () => {
    const filter: DeviceFilter = { type: ['camera', 'reader'], status: ['active'], siteId: region };
    const items = await all(filter, '-warrantyEnd', 500);
    const expected = await sqlCount(`d.type IN ('camera','reader') AND d.status = 'active' AND d.site_id = ANY($2)`, [
      [region, storeA, storeB],
    ]);
    expect(items.length).toBe(expected);
    expect(new Set(items.map((d) => d.id)).size).toBe(expected);
    const ends = items.map((d) => d.warrantyEnd!);
    expect([...ends].sort().reverse()).toEqual(ends);
  }, 60_000);

  it('combines vendor, firmware, warranty window, tag and free text', async () => {
    const f: DeviceFilter = {
      vendor: 'AXIS',
      firmwareVersion: '1.3',
      warrantyAfter: '2026-01-01',
      warrantyBefore: '2027-01-01',
      tag: 'outdoor',
    };
    const items = await all(f, 'name', 200);
    const expected = await sqlCount(
      `d.vendor_key = 'axis' AND d.firmware_version = '1.3' AND d.warranty_end > '2026-01-01' AND d.warranty_end < '2027-01-01' AND 'outdoor' = ANY(d.tags)`,
    );
    expect(expected).toBeGreaterThan(0);
    expect(items).toHaveLength(expected);
    const names = items.map((d) => d.name);
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));

    const bySerial = await svc.devices.list(org, { q: 'sn00012345' }, 'name', 50);
    expect(bySerial.items.map((d) => d.serial)).toEqual(['SN00012345']);
    const byIp = await svc.devices.list(org, { q: '10.1.48.57' }, 'name', 50);
    expect(byIp.items.map((d) => d.name)).toContain('Device 12345');
    expect((await svc.devices.list(org, { q: '100%_' }, 'name', 50)).items).toEqual([]);
  });

  it('pages a broad free-text match combined with filters, each device once, in order, by any sort', async () => {
    // 'SN0001' matches SN00010000-SN00019999: a broad match, taken whole from the search function then filtered.
    const filter: DeviceFilter = { q: 'SN0001', type: ['camera'], status: ['active', 'maintenance'] };
    const expected = await sqlCount(`d.serial ILIKE '%SN0001%' AND d.type = 'camera'`);
    expect(expected).toBeGreaterThan(100);
    for (const sort of ['name', '-warrantyEnd', 'createdAt'] as DeviceSort[]) {
      const items = await all(filter, sort, 37);
      expect(items).toHaveLength(expected);
      expect(new Set(items.map((d) => d.id)).size).toBe(expected);
      expect(items.every((d) => d.serial.startsWith('SN0001') && d.type === 'camera')).toBe(true);
    }
    const byName = (await all(filter, 'name', 37)).map((d) => d.name);
    expect(byName).toEqual([...byName].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    expect((await svc.devices.list(newOrgId(), { q: 'SN0001' }, 'name', 50)).items).toEqual([]);
  });

  it('clamps the page size, rejects a cursor from another sort, and counts per site, type and status', async () => {
    const page = await svc.devices.list(org, {}, 'createdAt', 500);
    expect(page.items).toHaveLength(500);
    await expect(svc.devices.list(org, {}, 'name', 10, page.nextCursor!)).rejects.toMatchObject({
      reason: 'INVALID_CURSOR',
    });
    const counts = await svc.devices.counts(org, { siteId: storeA });
    expect(counts.total).toBe(await sqlCount(`d.site_id = ANY($2)`, [[storeA, storeB]]));
    expect(counts.bySite.map((s) => s.siteId).sort()).toEqual([storeA, storeB].sort());
    expect(counts.byType.reduce((a, t) => a + t.count, 0)).toBe(counts.total);
    expect(counts.byStatus.find((s) => s.status === 'maintenance')!.count).toBe(
      await sqlCount(`d.status = 'maintenance' AND d.site_id = ANY($2)`, [[storeA, storeB]]),
    );
  });

  it('shows another organisation none of the fleet', async () => {
    const stranger = newOrgId();
    expect((await svc.devices.list(stranger, {}, 'name', 500)).items).toEqual([]);
    expect((await svc.devices.counts(stranger, { siteId: region })).total).toBe(0);
  });
});
