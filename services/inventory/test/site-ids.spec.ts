import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { deviceCreateSchema, siteCreateSchema } from '@fleetward/contracts';
import type { TestDatabase } from '@fleetward/platform/testing';
import { inventoryDatabase, inventoryServices, newOrgId } from './support/inventory-fixture.js';

const newSite = (x: unknown) => siteCreateSchema.parse(x);
const newDevice = (x: unknown) => deviceCreateSchema.parse(x);

/*
 * Site ids are per organisation. With a global key, choosing an id another organisation already used answered 409
 * SITE_ID_TAKEN: an oracle for which ids exist elsewhere. Now each organisation has its own `hq`.
 */
describe('site ids belong to their organisation', () => {
  let db: TestDatabase;
  let svc: ReturnType<typeof inventoryServices>;
  const [a, b] = [newOrgId(), newOrgId()];

  beforeAll(async () => {
    db = await inventoryDatabase();
    svc = inventoryServices(db.dataSource);
  });
  afterAll(() => db.drop());

  it('lets an organisation use an id another organisation already uses, and keeps their trees and devices apart', async () => {
    await svc.sites.create(a, newSite({ id: 'hq', name: 'A head office', code: 'HQ' }));
    const bHq = await svc.sites.create(b, newSite({ id: 'hq', name: 'B head office', code: 'HQ' }));
    expect(bHq).toMatchObject({ id: 'hq', name: 'B head office' });
    const bFloor = await svc.sites.create(b, newSite({ id: 'floor-1', parentId: 'hq', name: 'B floor', code: 'F1' }));
    expect(bFloor.path).toEqual(['hq', 'floor-1']);

    const { device } = await svc.devices.create(
      b,
      newDevice({ vendor: 'Axis', type: 'camera', serial: 'B-1', siteId: 'floor-1' }),
    );
    expect(device.sitePath).toEqual(['hq', 'floor-1']);
    expect((await svc.sites.get(a, 'hq')).name).toBe('A head office');
    expect((await svc.sites.get(b, 'hq')).name).toBe('B head office');

    // A's site goes; B's of the same id, with its child and device, stays.
    await svc.sites.delete(a, 'hq');
    expect((await svc.sites.get(b, 'hq')).name).toBe('B head office');
    expect((await svc.devices.get(b, device.id)).siteId).toBe('floor-1');
  });

  it('still refuses the same id twice within one organisation', async () => {
    await svc.sites.create(a, newSite({ id: 'depot', name: 'Depot', code: 'D1' }));
    await expect(svc.sites.create(a, newSite({ id: 'depot', name: 'Depot 2', code: 'D2' }))).rejects.toMatchObject({
      code: 'CONFLICT',
      reason: 'SITE_ID_TAKEN',
    });
  });

  it("does not let a device or a child site hang under another organisation's site of the same id", async () => {
    await svc.sites.create(b, newSite({ id: 'only-b', name: 'B only', code: 'OB' }));
    await expect(
      svc.devices.create(a, newDevice({ vendor: 'Axis', type: 'camera', serial: 'A-9', siteId: 'only-b' })),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(
      svc.sites.create(a, newSite({ id: 'child', parentId: 'only-b', name: 'x', code: 'X' })),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
