import { describe, expect, it } from '@jest/globals';
import { deviceSchema } from '@fleetward/contracts';
import { toDevice, toDeviceState, type DeviceRow } from './device.row.js';

const row = (over: Partial<DeviceRow> = {}): DeviceRow => ({
  id: '0b0c3f8e-2d7a-4c1e-9f3a-5b6d7e8f9a0b',
  org_id: 'org-1',
  vendor: 'Axis',
  model: 'P3245',
  model_id: null,
  type: 'camera',
  name: 'Gate cam',
  serial: 'SN1',
  mac: 'aa:bb:cc:dd:ee:ff',
  ip: '10.0.0.1',
  hostname: null,
  site_id: 's1',
  site_path: '/r1/s1/',
  firmware_version: '1.3',
  install_date: '2024-01-02',
  purchase_date: '2024-01-01',
  purchase_cost: 120.5,
  warranty_end: '2027-01-01',
  warranty_end_explicit: null,
  owner_team: 'ot',
  status: 'active',
  tags: ['outdoor'],
  notes: 'n',
  custom_fields: { rack: 3 },
  heartbeat_interval_sec: null,
  offline_threshold_sec: 300,
  decommissioned_at: null,
  created_at: new Date('2026-01-01T10:00:00Z'),
  updated_at: '2026-01-02 10:00:00+00',
  ...over,
});

const settings = { heartbeatDefaults: { camera: { intervalSeconds: 30, offlineAfterSeconds: 90 } } };

describe('toDevice', () => {
  it.each([
    ['derived warranty', row()],
    ['explicit warranty, decommissioned, no site', row({ warranty_end_explicit: '2028-01-01', warranty_end: '2028-01-01', status: 'decommissioned', decommissioned_at: new Date('2026-03-01T00:00:00Z'), site_id: null, site_path: null, purchase_cost: null })],
    ['no warranty, another type', row({ warranty_end: null, type: 'sensor', heartbeat_interval_sec: 10 })],
  ])('is the device state without orgId plus notes, custom fields and warranty source (%s)', (_, r) => {
    const { orgId, ...state } = toDeviceState(r, settings);
    const device = toDevice(r, settings);
    expect(orgId).toBe('org-1');
    expect(device).toEqual({
      ...state,
      warrantyEndSource: r.warranty_end_explicit ? 'explicit' : r.warranty_end ? 'derived' : null,
      notes: r.notes,
      customFields: r.custom_fields,
    });
    expect(Object.keys(device).sort()).toEqual(Object.keys(deviceSchema.shape).sort());
    expect(deviceSchema.parse(device)).toEqual(device);
  });
});
