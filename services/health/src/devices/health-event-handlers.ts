import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import {
  deviceDecommissionedV1,
  deviceRegisteredV1,
  deviceUpdatedV1,
  siteCreatedV1,
  siteUpdatedV1,
  Subjects,
  type DeviceState,
  type EventEnvelope,
  type SiteState,
} from '@fleetward/contracts';
import { EventConsumers, on, onEvents } from '@fleetward/platform';
import { SiteDirectoryRepository } from '../directory/site-directory.repository.js';
import { ExpectedDevicesService } from './expected-devices.service.js';

/**
 * What health applies (declared in eventFlows.health). The inventory's device events, one durable consumer per type
 * (NATS 2.9 has no multi-filter consumers), each batch applied set-based; their relative order does not matter: each
 * event carries the full state and the directory keeps the newest. Site events name sites in health's own events:
 * one filter, `fleet.evt.*.site.*.v1`, which also matches health's own site.unreachable / site.recovered (skipped).
 */
@Injectable()
export class HealthEventHandlers implements OnApplicationBootstrap {
  constructor(
    private readonly consumers: EventConsumers,
    private readonly devices: ExpectedDevicesService,
    private readonly sites: SiteDirectoryRepository,
  ) {}

  onApplicationBootstrap(): Promise<void> {
    const applyDevices = (batch: { envelope: EventEnvelope<DeviceState> }[]) =>
      this.devices.applyBatch(batch.map((e) => e.envelope));
    const settings = { options: { maxDeliver: 10, batch: 1000 } };
    return this.consumers.start('health', [
      { name: 'device-registered', handler: on(deviceRegisteredV1, applyDevices), ...settings },
      { name: 'device-updated', handler: on(deviceUpdatedV1, applyDevices), ...settings },
      { name: 'device-decommissioned', handler: on(deviceDecommissionedV1, applyDevices), ...settings },
      {
        name: 'site-events',
        filterSubject: Subjects.eventAllOrgs('site.*', 1),
        // Sites are few and change one at a time: applied in order, one statement each.
        handler: onEvents([siteCreatedV1, siteUpdatedV1], async (batch) => {
          for (const e of batch) await this.sites.apply(e.envelope.data as SiteState);
        }),
        options: { otherTypes: 'ignore', maxDeliver: 10, batch: 200 },
      },
    ]);
  }
}
