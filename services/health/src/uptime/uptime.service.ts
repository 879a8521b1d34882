import type { HealthRpc } from '@fleetward/contracts';
import { DomainError } from '@fleetward/platform';
import type { z } from 'zod';
import type { DeviceDirectoryRepository } from '../directory/device-directory.repository.js';
import type { StateIntervalRepository } from './state-interval.repository.js';

type AvailabilityParams = z.infer<typeof HealthRpc.availability.request>;
type HistoryParams = z.infer<typeof HealthRpc.deviceHistory.request>;

/** Availability and outage history from the offline intervals. */
export class UptimeService {
  constructor(
    private readonly intervals: StateIntervalRepository,
    private readonly directory: DeviceDirectoryRepository,
  ) {}

  async history(orgId: string, q: HistoryParams) {
    if (q.from >= q.to) throw new DomainError('INVALID', 'INVALID_RANGE', 'from must be before to');
    const items = await this.intervals.history(
      orgId,
      q.deviceId,
      { from: new Date(q.from), to: new Date(q.to) },
      q.limit,
    );
    return {
      items: items.map((i) => ({
        cause: i.cause,
        startedAt: i.startedAt.toISOString(),
        endedAt: i.endedAt ? i.endedAt.toISOString() : null,
      })),
    };
  }

  async availability(orgId: string, q: AvailabilityParams) {
    if (!q.deviceId === !q.siteId)
      throw new DomainError('INVALID', 'DEVICE_OR_SITE_REQUIRED', 'give exactly one of deviceId or siteId');
    if (q.from >= q.to) throw new DomainError('INVALID', 'INVALID_RANGE', 'from must be before to');
    const window = { from: new Date(q.from), to: new Date(q.to) };
    const exclude = q.exclude.map((e) => ({ from: new Date(e.from), to: new Date(e.to) }));
    const { offlineSec, countedSec } = await this.intervals.offlineSeconds(
      orgId,
      { deviceId: q.deviceId, siteId: q.siteId },
      window,
      exclude,
    );
    const devices = q.deviceId ? 1 : await this.directory.countAtSite(orgId, q.siteId!);
    const total = countedSec * devices;
    return {
      availabilityPct: total > 0 ? percentAvailable(offlineSec, total) : null,
      countedSec,
      offlineSec,
      devices,
    };
  }
}

/**
 * Share of the counted time the devices were up, in percent, to six decimals (a 31-day month is
 * 2.7 M seconds, so a millionth of a percent is below a tenth of a second). Computed as 1 - share
 * offline so that no outage gives exactly 100 (100 * t / t is not always 100 in floating point).
 */
export function percentAvailable(offlineSec: number, totalSec: number): number {
  const pct = 100 * (1 - offlineSec / totalSec);
  return Math.round(Math.max(0, Math.min(100, pct)) * 1e6) / 1e6;
}
