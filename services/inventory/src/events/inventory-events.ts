import {
  createEvent,
  deviceDecommissionedV1,
  deviceRegisteredV1,
  deviceUpdatedV1,
  siteCreatedV1,
  siteUpdatedV1,
  warrantyExpiredV1,
  warrantyExpiringV1,
  type DeviceField,
  type DeviceState,
  type EventEnvelope,
  type SiteField,
  type SiteState,
  type WarrantyExpiredV1Data,
  type WarrantyExpiringV1Data,
} from '@fleetward/contracts';
import { currentCorrelationId } from '@fleetward/platform';

const SOURCE = 'inventory';
const base = (orgId: string, id?: string) => ({
  orgId,
  source: SOURCE,
  correlationId: currentCorrelationId(),
  ...(id && { id }),
});

/** Builds the envelopes the inventory writes to its outbox (validated against their contracts). */
export const InventoryEvents = {
  /** What `OutboxQueryWriter.add` needs besides the data: the same source and correlation as the builders below. */
  bulkBase: (orgId: string) => ({ orgId, source: SOURCE, correlationId: currentCorrelationId() }),
  deviceRegistered: (s: DeviceState): EventEnvelope => createEvent(deviceRegisteredV1, { ...base(s.orgId), data: s }),
  deviceUpdated: (s: DeviceState, changed: DeviceField[]): EventEnvelope =>
    createEvent(deviceUpdatedV1, { ...base(s.orgId), data: { ...s, changed } }),
  deviceDecommissioned: (s: DeviceState, reason: string | null): EventEnvelope =>
    createEvent(deviceDecommissionedV1, {
      ...base(s.orgId),
      data: {
        ...s,
        status: 'decommissioned',
        decommissionedAt: s.decommissionedAt ?? new Date().toISOString(),
        reason,
      },
    }),
  siteCreated: (s: SiteState): EventEnvelope => createEvent(siteCreatedV1, { ...base(s.orgId), data: s }),
  siteUpdated: (s: SiteState, changed: SiteField[]): EventEnvelope =>
    createEvent(siteUpdatedV1, { ...base(s.orgId), data: { ...s, changed } }),
  warrantyExpiring: (id: string, data: WarrantyExpiringV1Data): EventEnvelope =>
    createEvent(warrantyExpiringV1, { ...base(data.orgId, id), data }),
  warrantyExpired: (id: string, data: WarrantyExpiredV1Data): EventEnvelope =>
    createEvent(warrantyExpiredV1, { ...base(data.orgId, id), data }),
};
