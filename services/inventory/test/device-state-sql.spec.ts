import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { withOrg } from '@fleetward/platform';
import type { TestDatabase } from '@fleetward/platform/testing';
import { deviceCreateSchema, deviceStateSchema, siteCreateSchema } from '@fleetward/contracts';
import { DEVICE_COLUMNS, toDeviceState, type DeviceRow } from '../src/devices/device.row.js';
import { deviceStateSql, heartbeatByType } from '../src/devices/device-state.sql.js';
import { OrgSettingsRepository } from '../src/organisations/org-settings.repository.js';
import { inventoryDatabase, inventoryServices, newOrgId } from './support/inventory-fixture.js';

describe('device state built in SQL (bulk events) equals toDeviceState', () => {
  let db: TestDatabase;
  let svc: ReturnType<typeof inventoryServices>;
  const org = newOrgId();

  beforeAll(async () => {
    db = await inventoryDatabase();
    svc = inventoryServices(db.dataSource);
  });
  afterAll(async () => {
    await db.drop();
  });

  it('matches field by field for devices covering every kind of value', async () => {
    await svc.settings.update(org, { heartbeatDefaults: { reader: { intervalSeconds: 20, offlineAfterSeconds: 70 } } });
    await svc.models.create(org, { vendor: 'Axis', model: 'P3265', type: 'camera', warrantyMonths: 36 });
    const region = await svc.sites.create(org, siteCreateSchema.parse({ name: 'North', code: 'N' }));
    const store = await svc.sites.create(
      org,
      siteCreateSchema.parse({ name: 'Store', code: 'S1', parentId: region.id }),
    );
    const make = (x: Record<string, unknown>) => svc.devices.create(org, deviceCreateSchema.parse(x));
    await make({
      vendor: 'Axis',
      model: 'P3265',
      type: 'camera',
      serial: 'A-1',
      name: 'Dock "north", \\ünïcode',
      mac: 'AC-CC-8E-01-02-03',
      ip: 'fe80::1',
      hostname: 'cam-1.local',
      siteId: store.id,
      firmwareVersion: '10.12.1',
      installDate: '2024-03-01',
      purchaseDate: '2024-02-29',
      cost: 1234.5,
      ownerTeam: 'ot',
      tags: ['dock', 'outdoor'],
    });
    await make({ vendor: 'HID', type: 'reader', serial: 'H-1', warrantyEnd: '2030-01-31', heartbeatIntervalSec: 15 });
    await make({ vendor: 'HID', type: 'reader', serial: 'H-2', offlineThresholdSec: 600, siteId: region.id, cost: 0 });
    const last = await make({ vendor: 'Bosch', type: 'sensor', serial: 'B-1' });
    await svc.devices.decommission(org, last.device.id, 'broken');

    const { sqlStates, jsStates } = await withOrg(db.dataSource, org, async (m) => {
      const settings = await new OrgSettingsRepository().getOrCreate(m, org);
      const rows: DeviceRow[] = await m.query(`SELECT ${DEVICE_COLUMNS} FROM device d ORDER BY d.serial`);
      const fromSql: { s: unknown }[] = await m.query(
        `SELECT to_jsonb(x) AS s FROM (SELECT ${deviceStateSql('$1')} FROM device d ORDER BY d.serial) x`,
        [heartbeatByType(settings)],
      );
      return { sqlStates: fromSql.map((r) => r.s), jsStates: rows.map((r) => toDeviceState(r, settings)) };
    });
    expect(jsStates).toHaveLength(4);
    expect(sqlStates).toEqual(jsStates);
    for (const s of sqlStates) expect(deviceStateSchema.safeParse(s).success).toBe(true);
    expect(jsStates.map((s) => s.effectiveHeartbeatIntervalSec)).toEqual([60, 60, 15, 20]);
  });
});
