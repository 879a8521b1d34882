import { Logger } from '@nestjs/common';
import type { DeviceState, EventEnvelope } from '@fleetward/contracts';
import type { DeviceDirectoryRepository, DirectoryEntry } from '../directory/device-directory.repository.js';
import type { ExpectedDevice, HealthStore } from '../engine/health-store.js';

/** Devices without a site share this pseudo-site, which never rolls up into a site outage. */
export const NO_SITE = '-';

/**
 * Which devices to expect, from the inventory's device.* events: registered and updated devices are tracked with
 * their effective interval and threshold (resolved by the inventory: device, else type in the organisation, else
 * organisation default); a decommissioned device is forgotten and never alarms.
 */
export class ExpectedDevicesService {
  private readonly logger = new Logger(ExpectedDevicesService.name);

  constructor(
    private readonly directory: DeviceDirectoryRepository,
    private readonly store: HealthStore,
  ) {}

  /**
   * A batch of device events, set-based: per organisation one directory statement, then the devices still expected
   * registered (or updated) in Redis a thousand per script call, with the state now in force (a newer stored state
   * wins over an older event); decommissioned devices are forgotten.
   */
  async applyBatch(envelopes: readonly EventEnvelope<DeviceState>[]): Promise<void> {
    const byOrg = new Map<string, DeviceState[]>();
    for (const e of envelopes) {
      const list = byOrg.get(e.data.orgId) ?? [];
      list.push(e.data);
      byOrg.set(e.data.orgId, list);
    }
    for (const [orgId, states] of byOrg) {
      const entries = await this.directory.applyMany(orgId, states);
      const expected: ExpectedDevice[] = [];
      const now = Date.now();
      for (const entry of entries.values()) {
        if (entry.status !== 'decommissioned') expected.push(expectedDevice(entry));
        else if (await this.store.forget(orgId, entry.deviceId, now))
          this.logger.log(`device ${entry.deviceId} decommissioned: no longer expected`);
      }
      for (let i = 0; i < expected.length; i += REGISTER_CHUNK) {
        await this.store.registerMany(orgId, expected.slice(i, i + REGISTER_CHUNK), now);
      }
    }
  }
}

/** Devices per registration script call: one Redis round trip each, short enough not to stall heartbeats. */
const REGISTER_CHUNK = 1000;

function expectedDevice(entry: DirectoryEntry): ExpectedDevice {
  return {
    deviceId: entry.deviceId,
    siteId: entry.siteId ?? NO_SITE,
    thresholdMs: entry.thresholdMs,
    intervalMs: entry.intervalMs,
  };
}
