import type { DataSource, EntityManager } from 'typeorm';
import type { DeviceState } from '@fleetward/contracts';
import { withOrg } from '@fleetward/platform';

/** What health events say about a device, learnt from device.* events. */
export interface DirectoryEntry {
  deviceId: string;
  siteId: string | null;
  sitePath: string[];
  name: string;
  type: string;
  tags: string[];
  status: string;
}

interface Row {
  device_id: string;
  site_id: string | null;
  site_path: string[];
  name: string;
  type: string;
  tags: string[];
  status: string;
}

const toEntry = (r: Row): DirectoryEntry => ({
  deviceId: r.device_id,
  siteId: r.site_id,
  sitePath: r.site_path,
  name: r.name,
  type: r.type,
  tags: r.tags,
  status: r.status,
});

/** The devices the inventory told health about (a decommissioned one stays as a tombstone so replays cannot revive it). */
export class DeviceDirectoryRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Applies a device's full state unless a newer one is already stored; returns the state now in force. */
  async apply(state: DeviceState): Promise<DirectoryEntry> {
    return withOrg(this.dataSource, state.orgId, async (m) => {
      const rows = (await m.query(
        `INSERT INTO device_directory (org_id, device_id, site_id, site_path, name, type, tags, status, updated_at,
           threshold_ms, interval_ms)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
         ON CONFLICT (org_id, device_id) DO UPDATE SET site_id = EXCLUDED.site_id, site_path = EXCLUDED.site_path,
           name = EXCLUDED.name, type = EXCLUDED.type, tags = EXCLUDED.tags, status = EXCLUDED.status,
           updated_at = EXCLUDED.updated_at, threshold_ms = EXCLUDED.threshold_ms, interval_ms = EXCLUDED.interval_ms
         WHERE device_directory.updated_at <= EXCLUDED.updated_at AND device_directory.status <> 'decommissioned'
         RETURNING *`,
        [
          state.orgId,
          state.id,
          state.siteId,
          state.sitePath,
          state.name,
          state.type,
          state.tags,
          state.status,
          state.updatedAt,
          Math.round(state.effectiveOfflineThresholdSec * 1000),
          Math.round(state.effectiveHeartbeatIntervalSec * 1000),
        ],
      )) as Row[];
      // the organisations a rebuild of the Redis state walks (see expected-device-source.repository.ts)
      await m.query('INSERT INTO known_org (org_id) VALUES ($1) ON CONFLICT DO NOTHING', [state.orgId]);
      return toEntry(rows[0] ?? (await this.current(m, state.orgId, state.id))!);
    });
  }

  private async current(m: EntityManager, orgId: string, deviceId: string): Promise<Row | undefined> {
    const rows = (await m.query('SELECT * FROM device_directory WHERE org_id = $1 AND device_id = $2', [
      orgId,
      deviceId,
    ])) as Row[];
    return rows[0];
  }

  async lookup(orgId: string, deviceIds: string[]): Promise<Map<string, DirectoryEntry>> {
    if (deviceIds.length === 0) return new Map();
    const rows = await withOrg(
      this.dataSource,
      orgId,
      (m) =>
        m.query('SELECT * FROM device_directory WHERE org_id = $1 AND device_id = ANY($2)', [
          orgId,
          deviceIds,
        ]) as Promise<Row[]>,
    );
    return new Map(rows.map((r) => [r.device_id, toEntry(r)]));
  }

  /** The path of a site, as its devices report it; null when no device of the site is known. */
  async sitePath(orgId: string, siteId: string): Promise<string[] | null> {
    const rows = await withOrg(
      this.dataSource,
      orgId,
      (m) =>
        m.query('SELECT site_path FROM device_directory WHERE org_id = $1 AND site_id = $2 LIMIT 1', [
          orgId,
          siteId,
        ]) as Promise<Row[]>,
    );
    return rows[0]?.site_path ?? null;
  }

  /** Devices expected at a site (not decommissioned). */
  async countAtSite(orgId: string, siteId: string): Promise<number> {
    const rows = await withOrg(
      this.dataSource,
      orgId,
      (m) =>
        m.query(
          `SELECT count(*)::int AS n FROM device_directory WHERE org_id = $1 AND site_id = $2 AND status <> 'decommissioned'`,
          [orgId, siteId],
        ) as Promise<{ n: number }[]>,
    );
    return rows[0]?.n ?? 0;
  }
}
