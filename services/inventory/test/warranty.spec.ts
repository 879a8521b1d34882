import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { deviceCreateSchema, deviceUpdateSchema } from '@fleetward/contracts';
import type { TestDatabase } from '@fleetward/platform/testing';
import { OrgSettingsRepository } from '../src/organisations/org-settings.repository.js';
import { WarrantyNoticeRepository } from '../src/warranty/warranty-notice.repository.js';
import { WarrantyService } from '../src/warranty/warranty.service.js';
import { inventoryDatabase, inventoryServices, newOrgId, outboxEvents } from './support/inventory-fixture.js';

/** A fresh service instance over the same database: what a restart gives. */
const warrantyService = (db: TestDatabase) =>
  new WarrantyService(db.dataSource, new WarrantyNoticeRepository(), new OrgSettingsRepository());

describe('warranty notices (exactly once per device, lead and end date, on the organisation calendar)', () => {
  let db: TestDatabase;
  let svc: ReturnType<typeof inventoryServices>;
  const org = newOrgId();
  const create = (serial: string, warrantyEnd: string) =>
    svc.devices.create(org, deviceCreateSchema.parse({ vendor: 'Axis', type: 'camera', serial, warrantyEnd }));
  const notices = async (deviceId: string) =>
    [...(await outboxEvents(db, 'warranty.expiring')), ...(await outboxEvents(db, 'warranty.expired'))]
      .filter((e) => e.data.device.id === deviceId)
      .map((e) => `${e.type}:${e.data.leadDays ?? 0}:${e.data.warrantyEnd}`);

  beforeAll(async () => {
    db = await inventoryDatabase();
    svc = inventoryServices(db.dataSource);
    await svc.settings.update(org, { timezone: 'Pacific/Auckland' });
  });
  afterAll(async () => {
    await db.drop();
  });

  it('sends each due notice once, also across a restart, and catches up a missed day inside its window', async () => {
    // 2026-03-10T11:30Z is already 2026-03-11 in Auckland (UTC+13).
    const now = new Date('2026-03-10T11:30:00Z');
    const in30 = (await create('W-30', '2026-04-10')).device; // 30 days left in Auckland
    const in20 = (await create('W-20', '2026-03-31')).device; // 20 left: the 30-day notice, caught up late
    const in100 = (await create('W-100', '2026-06-19')).device; // outside every lead
    const endsToday = (await create('W-0', '2026-03-11')).device; // today in Auckland, still tomorrow in UTC

    expect(await warrantyService(db).sweep(now)).toBeGreaterThanOrEqual(3);
    expect(await warrantyService(db).sweep(now)).toBe(0);
    expect(await warrantyService(db).sweep(new Date('2026-03-10T23:00:00Z'))).toBe(0);

    expect(await notices(in30.id)).toEqual(['warranty.expiring:30:2026-04-10']);
    expect(await notices(in20.id)).toEqual(['warranty.expiring:30:2026-03-31']);
    expect(await notices(in100.id)).toEqual([]);
    expect(await notices(endsToday.id)).toEqual(['warranty.expired:0:2026-03-11']);
    const late = (await outboxEvents(db, 'warranty.expiring')).find((e) => e.data.device.id === in20.id);
    expect(late?.data).toMatchObject({
      orgId: org,
      leadDays: 30,
      daysLeft: 20,
      device: { serial: 'W-20', vendor: 'Axis' },
    });

    // Thirteen days later the 7-day window opens for W-20.
    expect(await warrantyService(db).sweep(new Date('2026-03-24T12:00:00Z'))).toBeGreaterThanOrEqual(1);
    expect(await notices(in20.id)).toEqual(['warranty.expiring:30:2026-03-31', 'warranty.expiring:7:2026-03-31']);
  });

  it('re-plans when the warranty end changes, and forgets decommissioned devices', async () => {
    const now = new Date('2026-03-10T11:30:00Z');
    const { device } = await create('W-MOVE', '2026-04-01');
    const { device: gone } = await create('W-GONE', '2026-04-01');
    await svc.devices.decommission(org, gone.id, null);
    await warrantyService(db).sweep(now);
    expect(await notices(device.id)).toEqual(['warranty.expiring:30:2026-04-01']);
    await svc.devices.update(org, device.id, deviceUpdateSchema.parse({ warrantyEnd: '2026-03-15' }));
    await warrantyService(db).sweep(now);
    await warrantyService(db).sweep(now);
    expect(await notices(device.id)).toEqual(['warranty.expiring:30:2026-04-01', 'warranty.expiring:7:2026-03-15']);
    expect(await notices(gone.id)).toEqual([]);
  });

  it('sweeps a large backlog in batches, each notice once', async () => {
    const big = newOrgId();
    for (let i = 0; i < 7; i++) {
      await svc.devices.create(
        big,
        deviceCreateSchema.parse({ vendor: 'Bosch', type: 'camera', serial: `B-${i}`, warrantyEnd: '2025-01-01' }),
      );
    }
    const service = warrantyService(db);
    expect(await service.sweepOrg(big, new Date('2026-03-10T12:00:00Z'), 3)).toBe(7); // batches of 3, 3, 1
    expect(await service.sweepOrg(big, new Date('2026-03-10T12:00:00Z'), 3)).toBe(0);
    const expired = (await outboxEvents(db, 'warranty.expired')).filter((e) => e.orgId === big);
    expect(expired).toHaveLength(7);
    expect(new Set(expired.map((e) => e.data.device.id)).size).toBe(7);
  });

  it('is scoped per organisation', async () => {
    const other = newOrgId();
    await svc.devices.create(
      other,
      deviceCreateSchema.parse({ vendor: 'Axis', type: 'camera', serial: 'W-30', warrantyEnd: '2026-03-10' }),
    );
    await warrantyService(db).sweep(new Date('2026-03-10T11:30:00Z'));
    const theirs = (await outboxEvents(db, 'warranty.expired')).filter((e) => e.orgId === other);
    expect(theirs).toHaveLength(1);
    expect(theirs[0]!.data.orgId).toBe(other);
  });
});
