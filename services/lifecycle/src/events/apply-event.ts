import {
  deviceDecommissionedV1,
  eventFlows,
  deviceOfflineV1,
  deviceOnlineV1,
  deviceRegisteredV1,
  deviceUpdatedV1,
  siteCreatedV1,
  siteRecoveredV1,
  siteUnreachableV1,
  siteUpdatedV1,
  type DeviceState,
  type EventDefinition,
  type EventEnvelope,
} from '@fleetward/contracts';
import type { EntityManager } from 'typeorm';
import type { ProjectionRepository } from '../projection/projection.repository.js';
import type { DeviceSnapshot } from '../projection/projection.types.js';

/**
 * The organisation events lifecycle follows: what eventFlows.lifecycle declares it consumes, less the catalog's
 * firmware.released. warranty.expired changes nothing here but triggers a re-evaluation.
 */
export const orgEvents: readonly EventDefinition[] = eventFlows.lifecycle.consumes.filter((e) => e.scope === 'org');
const followed = new Set(orgEvents.map((e) => `${e.type}@${e.version}`));
export const isFollowed = (e: { type: string; version: number }): boolean => followed.has(`${e.type}@${e.version}`);

export function snapshotOf(d: DeviceState): DeviceSnapshot {
  return {
    deviceId: d.id,
    name: d.name,
    serial: d.serial,
    siteId: d.siteId,
    sitePath: d.sitePath,
    ownerTeam: d.ownerTeam,
    tags: d.tags,
    type: d.type,
    vendor: d.vendor,
    model: d.model,
    firmwareVersion: d.firmwareVersion,
    installDate: d.installDate ?? d.purchaseDate,
    warrantyEnd: d.warrantyEnd,
    cost: d.cost,
    // The inventory has no failed status: a failure is marked in lifecycle (devices.mark-failed) and kept across updates.
    failed: false,
  };
}

/** Applies one event to lifecycle's projection (inside the org transaction that also records it in the inbox). */
export async function applyEvent(p: ProjectionRepository, m: EntityManager, e: EventEnvelope): Promise<void> {
  const orgId = e.orgId!;
  const at = new Date(e.occurredAt);
  switch (e.type) {
    case deviceRegisteredV1.type:
    case deviceUpdatedV1.type:
      return p.upsertDevice(m, orgId, snapshotOf(e.data as DeviceState), new Date((e.data as DeviceState).updatedAt));
    case deviceDecommissionedV1.type:
      return p.decommissionDevice(m, orgId, (e.data as DeviceState).id, at);
    case siteCreatedV1.type:
    case siteUpdatedV1.type: {
      const s = e.data as { id: string; parentId: string | null; timezone: string | null };
      return p.upsertSite(m, orgId, { siteId: s.id, parentId: s.parentId, timezone: s.timezone });
    }
    case deviceOfflineV1.type: {
      const d = e.data as { deviceId: string; detectedAt: string };
      return p.deviceOffline(m, orgId, d.deviceId, new Date(d.detectedAt));
    }
    case deviceOnlineV1.type: {
      const d = e.data as { deviceId: string; seenAt: string };
      return p.deviceOnline(m, orgId, d.deviceId, new Date(d.seenAt));
    }
    case siteUnreachableV1.type: {
      const s = e.data as { siteId: string; offlineDeviceIds: string[]; since: string };
      return p.siteUnreachable(m, orgId, s.siteId, new Date(s.since), s.offlineDeviceIds);
    }
    case siteRecoveredV1.type: {
      const s = e.data as { siteId: string; recoveredAt: string; stillOfflineDeviceIds: string[] };
      return p.siteRecovered(m, orgId, s.siteId, new Date(s.recoveredAt), s.stillOfflineDeviceIds);
    }
    default:
      return;
  }
}
