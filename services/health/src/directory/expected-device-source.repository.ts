import type { DataSource } from 'typeorm';
import { withOrg } from '@fleetward/platform';
import { NO_SITE } from '../devices/expected-devices.service.js';
import type { RestoredDevice } from '../engine/state-epoch.store.js';
import { LEGACY_INTERVAL_MS, LEGACY_THRESHOLD_MS } from './device-directory.repository.js';

/** Where a rebuild of the Redis state reads the devices to expect: pages of one organisation at a time. */
export interface ExpectedDeviceSource {
  orgs(): Promise<string[]>;
  /** Up to `limit` devices of the organisation with an id after `after`, in id order. */
  page(orgId: string, after: string, limit: number): Promise<RestoredDevice[]>;
}

interface Row {
  device_id: string;
  site_id: string | null;
  threshold_ms: number | null;
  interval_ms: number | null;
  offline_since: string | null;
}

/** The system of record of a rebuild: the device directory, plus the offline intervals still open. */
export class ExpectedDeviceSourceRepository implements ExpectedDeviceSource {
  constructor(private readonly dataSource: DataSource) {}

  async orgs(): Promise<string[]> {
    const rows = (await this.dataSource.query('SELECT org_id FROM known_org ORDER BY org_id')) as { org_id: string }[];
    return rows.map((r) => r.org_id);
  }

  async page(orgId: string, after: string, limit: number): Promise<RestoredDevice[]> {
    const rows = await withOrg(
      this.dataSource,
      orgId,
      (m) =>
        m.query(
          `SELECT d.device_id, d.site_id, d.threshold_ms, d.interval_ms,
             (extract(epoch FROM i.started_at) * 1000)::bigint AS offline_since
           FROM device_directory d
           LEFT JOIN state_interval i ON i.org_id = d.org_id AND i.device_id = d.device_id AND i.ended_at IS NULL
           WHERE d.org_id = $1 AND d.status <> 'decommissioned' AND d.device_id > $2
           ORDER BY d.device_id LIMIT $3`,
          [orgId, after, limit],
        ) as Promise<Row[]>,
    );
    return rows.map((r) => ({
      deviceId: r.device_id,
      siteId: r.site_id ?? NO_SITE,
      thresholdMs: r.threshold_ms ?? LEGACY_THRESHOLD_MS,
      intervalMs: r.interval_ms ?? LEGACY_INTERVAL_MS,
      offlineSince: r.offline_since === null ? 0 : Number(r.offline_since),
    }));
  }
}
