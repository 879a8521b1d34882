import type { DeviceState } from '@fleetward/contracts';
import { fixtures } from '@fleetward/contracts/testing';
import { ExpectedDevicesService } from '../../src/devices/expected-devices.service.js';
import type { DeviceDirectoryRepository } from '../../src/directory/device-directory.repository.js';
import type { HealthStore } from '../../src/engine/health-store.js';

/**
 * Registers devices the way the device.registered consumer does (directory row in Postgres, then Redis), each with
 * the given site and timings.
 */
export async function registerThroughDirectory(
  directory: DeviceDirectoryRepository,
  store: HealthStore,
  orgId: string,
  devices: { id: string; siteId: string; thresholdSec: number; intervalSec: number }[],
): Promise<void> {
  const service = new ExpectedDevicesService(directory, store);
  const events = devices.map((d) => {
    const overrides: Partial<DeviceState> = {
      id: d.id,
      siteId: d.siteId,
      sitePath: [d.siteId],
      effectiveOfflineThresholdSec: d.thresholdSec,
      effectiveHeartbeatIntervalSec: d.intervalSec,
      updatedAt: new Date().toISOString(),
    };
    return fixtures.deviceRegistered({ orgId, overrides });
  });
  await service.applyBatch(events);
}
