import { Logger } from '@nestjs/common';
import type { DeviceState, EventEnvelope } from '@fleetward/contracts';
import type { DeviceDirectoryRepository } from '../directory/device-directory.repository.js';
import type { HealthStore } from '../engine/health-store.js';

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

  async apply(envelope: EventEnvelope<DeviceState>): Promise<void> {
    const entry = await this.directory.apply(envelope.data);
    const d = envelope.data;
    if (entry.status === 'decommissioned') {
      if (await this.store.forget(d.orgId, d.id, Date.now()))
        this.logger.log(`device ${d.id} decommissioned: no longer expected`);
      return;
    }
    await this.store.register(
      d.orgId,
      {
        deviceId: d.id,
        siteId: entry.siteId ?? NO_SITE,
        thresholdMs: d.effectiveOfflineThresholdSec * 1000,
        intervalMs: d.effectiveHeartbeatIntervalSec * 1000,
      },
      Date.now(),
    );
  }
}
