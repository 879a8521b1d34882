import { describe, expect, it } from '@jest/globals';
import { fixtures } from '@fleetward/contracts/testing';
import { deviceKey, incidentActions } from './incident-rules.js';

describe('incident rules for a device that degrades, goes offline and recovers', () => {
  const orgId = 'org_rules';

  it('raises a degraded incident, and only device.restored clears it', () => {
    const degraded = fixtures.deviceDegraded({ orgId });
    expect(incidentActions(degraded)).toEqual([
      expect.objectContaining({ op: 'raise', kind: 'device-degraded', subjectKey: deviceKey(degraded.data.deviceId) }),
    ]);
    const restored = fixtures.deviceRestored({ orgId });
    expect(incidentActions(restored)).toEqual([
      expect.objectContaining({
        op: 'clear',
        kinds: ['device-degraded'],
        subjectKey: deviceKey(restored.data.deviceId),
      }),
    ]);
  });

  it('clears the offline incident when the device is back online, and leaves a degraded one open', () => {
    const online = fixtures.deviceOnline({ orgId });
    expect(incidentActions(online)).toEqual([
      expect.objectContaining({ op: 'clear', kinds: ['device-offline'], subjectKey: deviceKey(online.data.deviceId) }),
    ]);
  });
});
