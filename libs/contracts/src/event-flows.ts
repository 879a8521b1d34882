import type { EventDefinition } from './define-event.js';
import { deviceDecommissionedV1 } from './inventory/device-decommissioned.v1.js';
import { deviceRegisteredV1 } from './inventory/device-registered.v1.js';
import { deviceUpdatedV1 } from './inventory/device-updated.v1.js';
import { siteCreatedV1 } from './inventory/site-created.v1.js';
import { siteUpdatedV1 } from './inventory/site-updated.v1.js';
import { warrantyExpiredV1 } from './inventory/warranty-expired.v1.js';
import { warrantyExpiringV1 } from './inventory/warranty-expiring.v1.js';
import { deviceDegradedV1 } from './health/device-degraded.v1.js';
import { deviceOfflineV1 } from './health/device-offline.v1.js';
import { deviceOnlineV1 } from './health/device-online.v1.js';
import { deviceRestoredV1 } from './health/device-restored.v1.js';
import { siteRecoveredV1 } from './health/site-recovered.v1.js';
import { siteUnreachableV1 } from './health/site-unreachable.v1.js';
import { deviceFirmwareNoncompliantV1 } from './lifecycle/device-firmware-noncompliant.v1.js';
import { firmwareReleasedV1 } from './lifecycle/firmware-released.v1.js';
import { replacementDueV1 } from './lifecycle/replacement-due.v1.js';
import { incidentAcknowledgedV1 } from './notifier/incident-acknowledged.v1.js';
import { incidentOpenedV1 } from './notifier/incident-opened.v1.js';
import { incidentResolvedV1 } from './notifier/incident-resolved.v1.js';

export const eventServices = ['inventory', 'health', 'lifecycle', 'notifier', 'gateway'] as const;
export type EventService = (typeof eventServices)[number];

export interface ServiceEventFlow {
  /** The events the service publishes (through its outbox). */
  readonly produces: readonly EventDefinition[];
  /** The events the service applies from its durable consumers: each has exactly one registered handler. */
  readonly consumes: readonly EventDefinition[];
}

/**
 * Who publishes and who applies each event. A service registers its handlers against this list and refuses to start
 * when one is missing or registered twice (`checkEventHandlers` in libs/platform); the event docs say, per event,
 * "produced by / consumed by" from it. (The gateway's live view reads every organisation event without a durable
 * consumer, and is not listed as a consumer.)
 */
export const eventFlows: Record<EventService, ServiceEventFlow> = {
  inventory: {
    produces: [
      deviceRegisteredV1,
      deviceUpdatedV1,
      deviceDecommissionedV1,
      siteCreatedV1,
      siteUpdatedV1,
      warrantyExpiringV1,
      warrantyExpiredV1,
    ],
    consumes: [],
  },
  health: {
    produces: [deviceOfflineV1, deviceOnlineV1, deviceDegradedV1, deviceRestoredV1, siteUnreachableV1, siteRecoveredV1],
    consumes: [deviceRegisteredV1, deviceUpdatedV1, deviceDecommissionedV1, siteCreatedV1, siteUpdatedV1],
  },
  lifecycle: {
    produces: [firmwareReleasedV1, deviceFirmwareNoncompliantV1, replacementDueV1],
    consumes: [
      deviceRegisteredV1,
      deviceUpdatedV1,
      deviceDecommissionedV1,
      siteCreatedV1,
      siteUpdatedV1,
      deviceOfflineV1,
      deviceOnlineV1,
      siteUnreachableV1,
      siteRecoveredV1,
      warrantyExpiredV1,
      firmwareReleasedV1,
    ],
  },
  notifier: {
    produces: [incidentOpenedV1, incidentAcknowledgedV1, incidentResolvedV1],
    consumes: [
      deviceOfflineV1,
      deviceOnlineV1,
      deviceDegradedV1,
      deviceRestoredV1,
      siteUnreachableV1,
      siteRecoveredV1,
      siteCreatedV1,
      siteUpdatedV1,
      deviceUpdatedV1,
      deviceDecommissionedV1,
      warrantyExpiringV1,
      warrantyExpiredV1,
      deviceFirmwareNoncompliantV1,
      replacementDueV1,
    ],
  },
  gateway: { produces: [], consumes: [] },
};

const key = (def: EventDefinition) => `${def.type} v${def.version}`;

/** Who produces and who consumes one event, for its documentation. */
export function flowOf(def: EventDefinition): { producedBy: EventService[]; consumedBy: EventService[] } {
  const has = (list: readonly EventDefinition[]) => list.some((d) => key(d) === key(def));
  return {
    producedBy: eventServices.filter((s) => has(eventFlows[s].produces)),
    consumedBy: eventServices.filter((s) => has(eventFlows[s].consumes)),
  };
}

export const eventKey = key;
