import type { DataSource } from 'typeorm';
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
  /** The effective offline threshold and heartbeat interval. */
  thresholdMs: number;
  intervalMs: number;
}

/** Timings of rows written before the directory kept them (the inventory's system default); the next event corrects them. */
export const LEGACY_THRESHOLD_MS = 180_000;
export const LEGACY_INTERVAL_MS = 60_000;

interface Row {
  device_id: string;
  site_id: string | null;
  site_path: string[];
  name: string;
  type: string;
  tags: string[];
  status: string;
  threshold_ms: number | null;
  interval_ms: number | null;
}

const toEntry = (r: Row): DirectoryEntry => ({
  deviceId: r.device_id,
  siteId: r.site_id,
  sitePath: r.site_path,
  name: r.name,
  type: r.type,
  tags: r.tags,
  status: r.status,
  thresholdMs: r.threshold_ms ?? LEGACY_THRESHOLD_MS,
  intervalMs: r.interval_ms ?? LEGACY_INTERVAL_MS,
});

/** The devices the inventory told health about (a decommissioned one stays as a tombstone so replays cannot revive it). */
export class DeviceDirectoryRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Applies a batch of one organisation's device states in one statement: the newest state per device of the batch,
   * unless a newer one is already stored or the device is a tombstone (decommissioned). Returns the state now in
   * force for every device of the batch.
   */
  async applyMany(orgId: string, states: readonly DeviceState[]): Promise<Map<string, DirectoryEntry>> {
    const newest = new Map<string, DeviceState>();
    for (const s of states) {
      const seen = newest.get(s.id);
      if (!seen || seen.updatedAt <= s.updatedAt) newest.set(s.id, s);
    }
    const batch = [...newest.values()].map((s) => ({
      device_id: s.id,
      site_id: s.siteId,
      site_path: s.sitePath,
      name: s.name,
      type: s.type,
      tags: s.tags,
      status: s.status,
      updated_at: s.updatedAt,
      threshold_ms: Math.round(s.effectiveOfflineThresholdSec * 1000),
      interval_ms: Math.round(s.effectiveHeartbeatIntervalSec * 1000),
    }));
    return withOrg(this.dataSource, orgId, async (m) => {
      const applied = (await m.query(
        `INSERT INTO device_directory (org_id, device_id, site_id, site_path, name, type, tags, status, updated_at,
           threshold_ms, interval_ms)
         SELECT $1, b.device_id, b.site_id, ARRAY(SELECT jsonb_array_elements_text(b.site_path)), b.name, b.type,
                ARRAY(SELECT jsonb_array_elements_text(b.tags)), b.status, b.updated_at, b.threshold_ms, b.interval_ms
           FROM jsonb_to_recordset($2::jsonb) AS b(device_id text, site_id text, site_path jsonb, name text, type text,
                tags jsonb, status text, updated_at timestamptz, threshold_ms integer, interval_ms integer)
         ON CONFLICT (org_id, device_id) DO UPDATE SET site_id = EXCLUDED.site_id, site_path = EXCLUDED.site_path,
           name = EXCLUDED.name, type = EXCLUDED.type, tags = EXCLUDED.tags, status = EXCLUDED.status,
           updated_at = EXCLUDED.updated_at, threshold_ms = EXCLUDED.threshold_ms, interval_ms = EXCLUDED.interval_ms
         WHERE device_directory.updated_at <= EXCLUDED.updated_at AND device_directory.status <> 'decommissioned'
         RETURNING *`,
        [orgId, JSON.stringify(batch)],
      )) as Row[];
      // the organisations a rebuild of the Redis state walks (see expected-device-source.repository.ts)
      await m.query('INSERT INTO known_org (org_id) VALUES ($1) ON CONFLICT DO NOTHING', [orgId]);
      const entries = new Map(applied.map((r) => [r.device_id, toEntry(r)]));
      const kept = batch.filter((b) => !entries.has(b.device_id)).map((b) => b.device_id);
      if (kept.length > 0) {
        const rows = (await m.query('SELECT * FROM device_directory WHERE org_id = $1 AND device_id = ANY($2)', [
          orgId,
          kept,
        ])) as Row[];
        for (const r of rows) entries.set(r.device_id, toEntry(r));
      }
      return entries;
    });
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
