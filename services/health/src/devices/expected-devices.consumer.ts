import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import {
  deviceDecommissionedV1,
  deviceRegisteredV1,
  deviceUpdatedV1,
  Streams,
  Subjects,
  type DeviceState,
  type EventDefinition,
  type EventEnvelope,
} from '@fleetward/contracts';
import { APP_CONFIG, DurableConsumer, durableName } from '@fleetward/platform';
import type { Config } from '../config.js';
import { ExpectedDevicesService } from './expected-devices.service.js';

/**
 * The inventory's device events, one durable consumer per event type (NATS 2.9 has no multi-filter consumers; Nest
 * gives each injecting class its own DurableConsumer, hence one class each). Their relative order does not matter:
 * each event carries the full state and the directory keeps the newest.
 */
function startFor(
  consumer: DurableConsumer,
  devices: ExpectedDevicesService,
  def: EventDefinition,
  durable: string,
  config: Config,
) {
  return consumer.start({
    durable,
    deliverFrom: config.CONSUMER_DELIVER_FROM,
    stream: Streams.events.name,
    filterSubject: Subjects.eventAllOrgs(def.type, def.version),
    events: [def],
    handle: (e) => devices.apply(e as EventEnvelope<DeviceState>),
    maxDeliver: 10,
    batch: 200,
  });
}

@Injectable()
export class DeviceRegisteredConsumer implements OnApplicationBootstrap {
  constructor(
    @Inject(APP_CONFIG) private readonly config: Config,
    private readonly consumer: DurableConsumer,
    private readonly devices: ExpectedDevicesService,
  ) {}

  onApplicationBootstrap() {
    return startFor(this.consumer, this.devices, deviceRegisteredV1, durableName(this.config, 'health', 'device-registered'), this.config);
  }
}

@Injectable()
export class DeviceUpdatedConsumer implements OnApplicationBootstrap {
  constructor(
    @Inject(APP_CONFIG) private readonly config: Config,
    private readonly consumer: DurableConsumer,
    private readonly devices: ExpectedDevicesService,
  ) {}

  onApplicationBootstrap() {
    return startFor(this.consumer, this.devices, deviceUpdatedV1, durableName(this.config, 'health', 'device-updated'), this.config);
  }
}

@Injectable()
export class DeviceDecommissionedConsumer implements OnApplicationBootstrap {
  constructor(
    @Inject(APP_CONFIG) private readonly config: Config,
    private readonly consumer: DurableConsumer,
    private readonly devices: ExpectedDevicesService,
  ) {}

  onApplicationBootstrap() {
    return startFor(this.consumer, this.devices, deviceDecommissionedV1, durableName(this.config, 'health', 'device-decommissioned'), this.config);
  }
}

export const expectedDevicesConsumers = [DeviceRegisteredConsumer, DeviceUpdatedConsumer, DeviceDecommissionedConsumer];
