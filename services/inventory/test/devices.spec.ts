import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { TestDatabase } from '@fleetward/platform/testing';
import { deviceCreateSchema, deviceUpdateSchema, siteCreateSchema } from '@fleetward/contracts';
import { inventoryDatabase, inventoryServices, newOrgId, outboxEvents } from './support/inventory-fixture.js';

const newDevice = (x: unknown) => deviceCreateSchema.parse(x);
const newSite = (x: unknown) => siteCreateSchema.parse(x);
const devicePatch = (x: unknown) => deviceUpdateSchema.parse(x);

describe('devices and sites (real Postgres, app role with row-level security)', () => {
  let db: TestDatabase;
  let svc: ReturnType<typeof inventoryServices>;
  const org = newOrgId();
  const other = newOrgId();

  beforeAll(async () => {
    db = await inventoryDatabase();
    svc = inventoryServices(db.dataSource);
  });
  afterAll(async () => {
    await db.drop();
  });

  it('creates org settings lazily with the default lead days', async () => {
    const s = await svc.settings.get(org);
    expect(s).toMatchObject({ orgId: org, timezone: 'UTC', warrantyLeadDays: [90, 30, 7] });
    await expect(svc.settings.update(org, { timezone: 'Mars/Olympus' })).rejects.toMatchObject({
      reason: 'INVALID_TIMEZONE',
    });
    const u = await svc.settings.update(org, {
      timezone: 'Europe/Paris',
      heartbeatDefaults: { camera: { intervalSeconds: 30, offlineAfterSeconds: 90 } },
    });
    expect(u.timezone).toBe('Europe/Paris');
  });

  it('creates a device with a normalised MAC, a derived warranty and a one-time token, and emits device.registered', async () => {
    await svc.models.create(org, { vendor: 'Axis', model: 'P3265', type: 'camera', warrantyMonths: 36 });
    const site = await svc.sites.create(org, newSite({ name: 'Store 1', code: 'S1' }));
    const { device, heartbeatToken } = await svc.devices.create(
      org,
      newDevice({
        vendor: 'AXIS',
        model: 'P3265',
        type: 'camera',
        serial: 'ACCC-001',
        mac: 'AC-CC-8E-01-02-03',
        siteId: site.id,
        purchaseDate: '2024-02-29',
        ownerTeam: 'ot',
      }),
    );
    expect(device).toMatchObject({
      mac: 'ac:cc:8e:01:02:03',
      warrantyEnd: '2027-02-28',
      warrantyEndSource: 'derived',
      sitePath: [site.id],
      effectiveHeartbeatIntervalSec: 30,
      status: 'active',
    });
    expect(device.modelId).not.toBeNull();
    expect(await svc.devices.byToken(heartbeatToken)).toEqual({ orgId: org, siteId: site.id, deviceId: device.id });
    const registered = await outboxEvents(db, 'device.registered');
    expect(registered.map((e) => e.data.id)).toContain(device.id);
  });

  it('lists devices with the heartbeat defaults of the organisation as they are now (read with the page, not cached)', async () => {
    const page = await svc.devices.list(org, { type: ['camera'] }, 'name', 50);
    expect(page.items.length).toBeGreaterThan(0);
    expect(
      page.items.every((d) => d.effectiveHeartbeatIntervalSec === 30 && d.effectiveOfflineThresholdSec === 90),
    ).toBe(true);
    await svc.settings.update(org, { heartbeatDefaults: { camera: { intervalSeconds: 20, offlineAfterSeconds: 70 } } });
    const after = await svc.devices.list(org, { type: ['camera'] }, 'name', 50);
    expect(after.items.map((d) => [d.effectiveHeartbeatIntervalSec, d.effectiveOfflineThresholdSec])).toEqual(
      page.items.map(() => [20, 70]),
    );
    await svc.settings.update(org, { heartbeatDefaults: { camera: { intervalSeconds: 30, offlineAfterSeconds: 90 } } });
  });

  it('lists with the system heartbeat defaults for an organisation whose settings were never read', async () => {
    const fresh = newOrgId();
    const { device } = await svc.devices.create(fresh, newDevice({ vendor: 'Axis', type: 'camera', serial: 'F-1' }));
    await db.ownerDataSource.query(`DELETE FROM "${db.schema}".org_settings WHERE org_id = $1`, [fresh]);
    const page = await svc.devices.list(fresh, {}, 'name', 50);
    expect(page.items).toEqual([{ ...device, effectiveHeartbeatIntervalSec: 60, effectiveOfflineThresholdSec: 180 }]);
  });

  it('refuses a second device with the same serial for the same vendor (any case), allows it for another vendor', async () => {
    await expect(
      svc.devices.create(org, newDevice({ vendor: 'axis', type: 'camera', serial: 'ACCC-001' })),
    ).rejects.toMatchObject({
      reason: 'DEVICE_SERIAL_TAKEN',
    });
    await expect(
      svc.devices.create(org, newDevice({ vendor: 'Hanwha', type: 'camera', serial: 'ACCC-001' })),
    ).resolves.toBeDefined();
  });

  it('updates with the changed fields, rotates the token, decommissions and keeps history', async () => {
    const { device, heartbeatToken } = await svc.devices.create(
      org,
      newDevice({
        vendor: 'Genetec',
        type: 'recorder',
        serial: 'G-1',
      }),
    );
    const updated = await svc.devices.update(
      org,
      device.id,
      devicePatch({ firmwareVersion: '5.11', warrantyEnd: '2030-01-01' }),
    );
    expect(updated).toMatchObject({
      firmwareVersion: '5.11',
      warrantyEnd: '2030-01-01',
      warrantyEndSource: 'explicit',
    });
    const ev = (await outboxEvents(db, 'device.updated')).find((e) => e.data.id === device.id);
    expect(ev?.data.changed.sort()).toEqual(['firmwareVersion', 'warrantyEnd']);

    const rotated = await svc.devices.rotateToken(org, device.id);
    await expect(svc.devices.byToken(heartbeatToken)).rejects.toMatchObject({ reason: 'DEVICE_TOKEN_UNKNOWN' });
    await expect(svc.devices.byToken(rotated.heartbeatToken)).resolves.toMatchObject({ deviceId: device.id });

    const gone = await svc.devices.decommission(org, device.id, 'replaced');
    expect(gone.status).toBe('decommissioned');
    await svc.devices.decommission(org, device.id, 'again');
    const decom = (await outboxEvents(db, 'device.decommissioned')).filter((e) => e.data.id === device.id);
    expect(decom).toHaveLength(1);
    expect(decom[0]!.data.reason).toBe('replaced');
    expect((await svc.devices.get(org, device.id)).status).toBe('decommissioned');
    await expect(svc.devices.update(org, device.id, devicePatch({ name: 'x' }))).rejects.toMatchObject({
      reason: 'DEVICE_DECOMMISSIONED',
    });
  });

  it('keeps a tree of sites: codes unique per org, subtree moves, deletes refused while in use', async () => {
    const region = await svc.sites.create(org, newSite({ name: 'North', code: 'R-N', kind: 'region' }));
    const region2 = await svc.sites.create(org, newSite({ name: 'South', code: 'R-S', kind: 'region' }));
    const store = await svc.sites.create(org, newSite({ name: 'Store 7', code: 'S7', parentId: region.id }));
    const building = await svc.sites.create(org, newSite({ name: 'Main', code: 'S7-B1', parentId: store.id }));
    expect(building.path).toEqual([region.id, store.id, building.id]);
    await expect(svc.sites.create(org, newSite({ name: 'dup', code: 'S7' }))).rejects.toMatchObject({
      reason: 'SITE_CODE_TAKEN',
    });
    await expect(svc.sites.create(other, newSite({ name: 'Other org may reuse', code: 'S7' }))).resolves.toBeDefined();

    const { device } = await svc.devices.create(
      org,
      newDevice({
        vendor: 'HID',
        type: 'reader',
        serial: 'R-1',
        siteId: building.id,
      }),
    );
    const inNorth = await svc.devices.list(org, { siteId: region.id }, 'name', 50);
    expect(inNorth.items.map((d) => d.id)).toEqual([device.id]);

    await expect(svc.sites.move(org, region.id, building.id)).rejects.toMatchObject({ reason: 'SITE_MOVE_CYCLE' });
    const moved = await svc.sites.move(org, store.id, region2.id);
    expect(moved.path).toEqual([region2.id, store.id]);
    expect((await svc.sites.get(org, building.id)).path).toEqual([region2.id, store.id, building.id]);
    expect((await svc.sites.get(org, building.id)).depth).toBe(2);
    expect((await svc.devices.list(org, { siteId: region.id }, 'name', 50)).items).toEqual([]);
    expect((await svc.devices.list(org, { siteId: region2.id }, 'name', 50)).items.map((d) => d.id)).toEqual([
      device.id,
    ]);
    const moveEvent = (await outboxEvents(db, 'device.updated')).find(
      (e) => e.data.id === device.id && e.data.changed.includes('sitePath'),
    );
    expect(moveEvent?.data.sitePath).toEqual([region2.id, store.id, building.id]);
    const siteEvents = (await outboxEvents(db, 'site.updated')).map((e) => e.data.id);
    expect(siteEvents).toEqual(expect.arrayContaining([store.id, building.id]));

    await expect(svc.sites.delete(org, store.id)).rejects.toMatchObject({ reason: 'SITE_HAS_CHILDREN' });
    await expect(svc.sites.delete(org, building.id)).rejects.toMatchObject({
      reason: 'SITE_HAS_DEVICES',
      code: 'CONFLICT',
    });
    await svc.devices.update(org, device.id, devicePatch({ siteId: null }));
    await expect(svc.sites.delete(org, building.id)).resolves.toEqual({ ok: true });
  });

  it('deletes a site that holds only decommissioned devices; they keep their history without the site', async () => {
    const store = await svc.sites.create(org, newSite({ name: 'Closing store', code: 'CLOSE-1' }));
    const { device: live } = await svc.devices.create(
      org,
      newDevice({ vendor: 'Axis', type: 'camera', serial: 'CL-1', siteId: store.id }),
    );
    const { device: old } = await svc.devices.create(
      org,
      newDevice({ vendor: 'Axis', type: 'camera', serial: 'CL-2', siteId: store.id }),
    );
    await svc.devices.decommission(org, old.id, 'store closing');
    await expect(svc.sites.delete(org, store.id)).rejects.toMatchObject({
      reason: 'SITE_HAS_DEVICES',
      details: { devices: 1 },
    });
    await svc.devices.update(org, live.id, devicePatch({ siteId: null }));

    await expect(svc.sites.delete(org, store.id)).resolves.toEqual({ ok: true });
    await expect(svc.sites.get(org, store.id)).rejects.toMatchObject({ reason: 'SITE_NOT_FOUND' });
    const kept = await svc.devices.get(org, old.id);
    expect(kept).toMatchObject({ id: old.id, serial: 'CL-2', status: 'decommissioned', siteId: null, sitePath: [] });
    expect(kept.decommissionedAt).not.toBeNull();
    const decommissioned = (await outboxEvents(db, 'device.decommissioned')).find((e) => e.data.id === old.id);
    expect(decommissioned?.data).toMatchObject({ siteId: store.id, sitePath: [store.id], reason: 'store closing' });
  });

  it('shows another organisation nothing', async () => {
    const { device } = await svc.devices.create(org, newDevice({ vendor: 'Bosch', type: 'sensor', serial: 'B-1' }));
    await expect(svc.devices.get(other, device.id)).rejects.toMatchObject({ reason: 'DEVICE_NOT_FOUND' });
    await expect(svc.devices.update(other, device.id, devicePatch({ name: 'stolen' }))).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect((await svc.devices.list(other, {}, 'name', 500)).items.filter((d) => d.serial === 'B-1')).toEqual([]);
    expect((await svc.devices.counts(other, {})).total).toBe(0);
    const site = await svc.sites.create(org, newSite({ name: 'Private', code: 'P1' }));
    await expect(
      svc.devices.create(other, newDevice({ vendor: 'Bosch', type: 'sensor', serial: 'B-2', siteId: site.id })),
    ).rejects.toMatchObject({
      reason: 'SITE_NOT_FOUND',
    });
    // The database itself refuses: the app role sees no row of an org it is not scoped to.
    const raw = await db.dataSource.query(`SELECT count(*)::int AS n FROM device`);
    expect(raw[0].n).toBe(0);
  });
});
