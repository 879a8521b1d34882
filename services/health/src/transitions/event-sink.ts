import {
  createEvent,
  deviceDegradedV1,
  deviceOfflineV1,
  deviceOnlineV1,
  deviceRestoredV1,
  deviceTypeSchema,
  faultCodeSchema,
  siteRecoveredV1,
  siteUnreachableV1,
  type EventEnvelope,
  type FaultCode,
} from '@fleetward/contracts';
import type { DeviceDirectoryRepository, DirectoryEntry } from '../directory/device-directory.repository.js';
import type { SiteDirectoryRepository, SiteEntry } from '../directory/site-directory.repository.js';
import { healthMetrics } from '../health-metrics.js';
import { transitionEventId } from './event-id.js';
import type { Transition } from './transition.js';
import type { TransitionSink } from './transition-relay.js';

const SOURCE = 'health';
const iso = (ms: number) => new Date(ms).toISOString();
const secs = (ms: number) => Math.max(0, Math.round(ms / 1000));
const ids = (s: string | undefined) => (s ?? '').split(' ').filter(Boolean);

export interface EnvelopePublisher {
  publishMany(envelopes: readonly EventEnvelope[]): Promise<void>;
}

/** What the directories know about the devices and sites of one batch of transitions. */
interface Described {
  devices: Map<string, DirectoryEntry>;
  sites: Map<string, SiteEntry>;
}

/**
 * Publishes transitions as durable events, described with what the directories know about each device and site
 * (read once per organisation and batch, not once per transition).
 */
export class EventSink implements TransitionSink {
  private readonly counter = healthMetrics.transitions();

  constructor(
    private readonly publisher: EnvelopePublisher,
    private readonly directory: DeviceDirectoryRepository,
    private readonly siteDirectory: SiteDirectoryRepository,
  ) {}

  async apply(transitions: Transition[]): Promise<void> {
    const byOrg = new Map<string, Transition[]>();
    for (const t of transitions) {
      const list = byOrg.get(t.orgId);
      if (list) list.push(t);
      else byOrg.set(t.orgId, [t]);
    }
    const described = new Map<string, Described>();
    for (const [orgId, list] of byOrg) {
      const devices = await this.directory.lookup(orgId, [...new Set(list.map((t) => t.deviceId).filter(Boolean))]);
      const siteIds = new Set(list.map((t) => t.siteId).filter((id) => id !== '-'));
      for (const d of devices.values()) if (d.siteId) siteIds.add(d.siteId);
      described.set(orgId, { devices, sites: await this.siteDirectory.lookup(orgId, [...siteIds]) });
    }
    const envelopes: EventEnvelope[] = [];
    for (const t of transitions) envelopes.push(await this.toEnvelope(t, described.get(t.orgId)!));
    await this.publisher.publishMany(envelopes);
    for (const t of transitions) this.counter.inc({ type: t.type });
  }

  private async toEnvelope(t: Transition, known: Described): Promise<EventEnvelope> {
    const base = { orgId: t.orgId, source: SOURCE, id: transitionEventId(t), occurredAt: new Date(t.at) };
    const parts = t.extra.split('|');
    if (t.type === 'site.unreachable' || t.type === 'site.recovered') {
      const learnt = known.sites.get(t.siteId);
      const site = {
        orgId: t.orgId,
        siteId: t.siteId,
        siteName: learnt?.name ?? null,
        sitePath: learnt?.path ?? (await this.directory.sitePath(t.orgId, t.siteId)) ?? [t.siteId],
      };
      if (t.type === 'site.unreachable') {
        const offline = ids(parts[2]);
        const deviceCount = Math.max(1, Number(parts[0]) || 0, offline.length);
        return createEvent(siteUnreachableV1, {
          ...base,
          data: {
            ...site,
            deviceCount,
            offlineDeviceIds: offline,
            since: iso(Number(parts[1]) || t.at),
            detectedAt: iso(t.at),
          },
        });
      }
      const since = Number(parts[0]) || t.at;
      return createEvent(siteRecoveredV1, {
        ...base,
        data: {
          ...site,
          unreachableSince: iso(since),
          recoveredAt: iso(t.at),
          durationSec: secs(t.at - since),
          deviceCount: Math.max(1, Number(parts[1]) || 0),
          stillOfflineDeviceIds: ids(parts[2]),
        },
      });
    }
    const device = this.describe(t, known);
    if (t.type === 'device.offline') {
      const seen = Number(parts[0]) || 0;
      return createEvent(deviceOfflineV1, {
        ...base,
        data: {
          ...device,
          lastSeenAt: seen > 0 ? iso(seen) : null,
          thresholdSec: Math.max(1, secs(Number(parts[1]))),
          detectedAt: iso(t.at),
        },
      });
    }
    if (t.type === 'device.online') {
      const off = Number(parts[0]) || t.at;
      const seen = Number(parts[1]) || t.at;
      return createEvent(deviceOnlineV1, {
        ...base,
        data: { ...device, offlineSince: iso(off), seenAt: iso(seen), offlineDurationSec: secs(seen - off) },
      });
    }
    const faultsOf = (list: string) => [
      ...new Set(
        list.split('+').map((f): FaultCode => (faultCodeSchema.safeParse(f).success ? (f as FaultCode) : 'other')),
      ),
    ];
    if (t.type === 'device.restored') {
      const since = Number(parts[1]) || t.at;
      return createEvent(deviceRestoredV1, {
        ...base,
        data: {
          ...device,
          clearedFaults: faultsOf(parts[0] ?? ''),
          degradedSince: iso(since),
          restoredAt: iso(t.at),
          degradedDurationSec: secs(t.at - since),
        },
      });
    }
    const faults = faultsOf(t.extra);
    return createEvent(deviceDegradedV1, {
      ...base,
      data: { ...device, faults, since: iso(t.at), detectedAt: iso(t.at) },
    });
  }

  /** A device the directory no longer knows (decommissioned since) is still described by its id. */
  private describe(t: Transition, known: Described) {
    const e = known.devices.get(t.deviceId);
    const siteId = e?.siteId ?? (t.siteId === '-' ? null : t.siteId);
    return {
      orgId: t.orgId,
      siteId,
      siteName: (siteId && known.sites.get(siteId)?.name) || null,
      sitePath: e?.sitePath ?? (t.siteId === '-' ? [] : [t.siteId]),
      deviceId: t.deviceId,
      deviceName: e?.name ?? t.deviceId,
      type: deviceTypeSchema.catch('other').parse(e?.type),
      tags: e?.tags ?? [],
    };
  }
}
