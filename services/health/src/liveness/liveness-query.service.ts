import type { DeviceLivenessDto, HealthRpc } from '@fleetward/contracts';
import { DomainError } from '@fleetward/platform';
import type { z } from 'zod';
import type { DeviceLiveness, LivenessState } from '../engine/device-liveness.js';
import type { HealthStore } from '../engine/health-store.js';
import { NO_SITE } from '../devices/expected-devices.service.js';

type ListParams = z.infer<typeof HealthRpc.devicesList.request>;
type Summary = z.infer<typeof HealthRpc.summary.response>;

const iso = (ms: number) => new Date(ms).toISOString();

/** Current liveness, read from the shared Redis state (the same truth every replica decides on). */
export class LivenessQueryService {
  constructor(private readonly store: HealthStore) {}

  private async snapshot(orgId: string) {
    const [devices, sites] = await Promise.all([this.store.allDevices(orgId), this.store.sites(orgId)]);
    const siteOf = (d: DeviceLiveness) => {
      const id = sites.get(d.siteIdx)?.siteId;
      return !id || id === NO_SITE ? null : id;
    };
    return { devices, sites, siteOf };
  }

  private toDto(d: DeviceLiveness, siteId: string | null): DeviceLivenessDto {
    return {
      deviceId: d.deviceId,
      siteId,
      state: d.state,
      recovering: d.recovering,
      flapping: d.flapping,
      since: iso(d.since),
      lastSeenAt: d.lastSeen ? iso(d.lastSeen) : null,
      thresholdSec: d.thresholdMs / 1000,
      intervalSec: d.intervalMs / 1000,
      faults: d.faults,
      ...(d.reason ? { reason: d.reason } : {}),
    };
  }

  async list(orgId: string, q: ListParams) {
    const { devices, siteOf } = await this.snapshot(orgId);
    const matching = devices
      .filter((d) => (!q.state || d.state === q.state) && (!q.siteId || siteOf(d) === q.siteId))
      .filter((d) => q.flapping === undefined || d.flapping === q.flapping)
      .filter((d) => !q.cursor || d.deviceId > q.cursor)
      .sort((a, b) => (a.deviceId < b.deviceId ? -1 : 1));
    const page = matching.slice(0, q.limit);
    const more = matching.length > q.limit;
    return {
      items: page.map((d) => this.toDto(d, siteOf(d))),
      nextCursor: more ? page[page.length - 1]!.deviceId : null,
    };
  }

  async get(orgId: string, deviceId: string): Promise<DeviceLivenessDto> {
    const [d] = await this.getMany(orgId, [deviceId]);
    if (!d) throw new DomainError('NOT_FOUND', 'DEVICE_NOT_FOUND', `device ${deviceId} is not tracked by health`);
    return d;
  }

  /** The tracked devices among the given ids (a page of a device table); untracked ids are left out. */
  async getMany(orgId: string, deviceIds: readonly string[]): Promise<DeviceLivenessDto[]> {
    const found = await this.store.devices(orgId, deviceIds);
    if (found.length === 0) return [];
    const sites = await this.store.sites(orgId);
    return found.map((d) => {
      const site = sites.get(d.siteIdx)?.siteId;
      return this.toDto(d, !site || site === NO_SITE ? null : site);
    });
  }

  async summary(orgId: string): Promise<Summary> {
    const { devices, sites, siteOf } = await this.snapshot(orgId);
    const byState: Partial<Record<LivenessState, number>> = {};
    const perSite = new Map<string | null, { total: number; byState: Partial<Record<LivenessState, number>> }>();
    for (const d of devices) {
      byState[d.state] = (byState[d.state] ?? 0) + 1;
      const key = siteOf(d);
      const s = perSite.get(key) ?? { total: 0, byState: {} };
      s.total++;
      s.byState[d.state] = (s.byState[d.state] ?? 0) + 1;
      perSite.set(key, s);
    }
    const unreachable = new Set([...sites.values()].filter((s) => s.unreachable).map((s) => s.siteId));
    return {
      total: devices.length,
      byState,
      sites: [...perSite.entries()]
        .sort(([a], [b]) => String(a).localeCompare(String(b)))
        .map(([siteId, s]) => ({
          siteId,
          total: s.total,
          byState: s.byState,
          unreachable: siteId !== null && unreachable.has(siteId),
        })),
    };
  }
}
