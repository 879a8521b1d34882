import type { EntityManager } from 'typeorm';
import { versionKey, versionLine } from '../firmware/version-key.js';
import { nameKey, type DeviceSnapshot, type SiteSnapshot } from './projection.types.js';

/**
 * Lifecycle's own copy of the devices, sites and their health, fed by events. Every method runs inside the caller's
 * org-scoped transaction (withOrg); row-level security keeps each organisation's rows apart.
 */
export class ProjectionRepository {
  async upsertDevice(m: EntityManager, orgId: string, d: DeviceSnapshot, at: Date): Promise<void> {
    await m.query(
      `INSERT INTO device (org_id, device_id, site_id, type, vendor, vendor_key, model, model_key, firmware_version,
         version_key, firmware_line, install_date, warranty_end, cost, status, failed_at, updated_at,
         name, serial, site_path, owner_team, tags)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14,
         'active', CASE WHEN $15 THEN $16::timestamptz END, $16,
         $17, $18, $19, $20, $21)
       ON CONFLICT (org_id, device_id) DO UPDATE SET site_id = EXCLUDED.site_id, type = EXCLUDED.type,
         vendor = EXCLUDED.vendor, vendor_key = EXCLUDED.vendor_key, model = EXCLUDED.model, model_key = EXCLUDED.model_key,
         firmware_version = EXCLUDED.firmware_version, version_key = EXCLUDED.version_key,
         firmware_line = EXCLUDED.firmware_line, install_date = EXCLUDED.install_date,
         warranty_end = EXCLUDED.warranty_end, cost = EXCLUDED.cost, status = EXCLUDED.status,
         failed_at = coalesce(device.failed_at, EXCLUDED.failed_at),
         updated_at = EXCLUDED.updated_at, name = EXCLUDED.name, serial = EXCLUDED.serial,
         site_path = EXCLUDED.site_path, owner_team = EXCLUDED.owner_team, tags = EXCLUDED.tags
       WHERE device.updated_at <= EXCLUDED.updated_at`,
      [
        orgId,
        d.deviceId,
        d.siteId,
        d.type,
        d.vendor,
        nameKey(d.vendor),
        d.model,
        d.model ? nameKey(d.model) : null,
        d.firmwareVersion,
        versionKey(d.firmwareVersion),
        d.firmwareVersion ? versionLine(d.firmwareVersion) : null,
        d.installDate,
        d.warrantyEnd,
        d.cost,
        d.failed,
        at,
        d.name,
        d.serial,
        d.sitePath,
        d.ownerTeam,
        d.tags,
      ],
    );
  }

  /** Marks a device failed (by hand: the inventory has no such status) or clears the mark. */
  async markFailed(m: EntityManager, orgId: string, deviceId: string, failed: boolean, at: Date): Promise<boolean> {
    const [, n] = (await m.query(
      `UPDATE device SET failed_at = CASE WHEN $3 THEN coalesce(failed_at, $4) END
       WHERE org_id = $1 AND device_id = $2 AND status <> 'decommissioned'`,
      [orgId, deviceId, failed, at],
    )) as [unknown, number];
    return n > 0;
  }

  async decommissionDevice(m: EntityManager, orgId: string, deviceId: string, at: Date): Promise<void> {
    await m.query(
      `UPDATE device SET status = 'decommissioned', updated_at = $3
       WHERE org_id = $1 AND device_id = $2 AND updated_at <= $3`,
      [orgId, deviceId, at],
    );
  }

  /** Health: out-of-order events are ignored (`health_changed_at`), so a late "offline" cannot undo a newer "online". */
  async deviceOffline(m: EntityManager, orgId: string, deviceId: string, at: Date): Promise<void> {
    await m.query(
      `WITH d AS (
         UPDATE device SET offline_since = coalesce(offline_since, $3), health_changed_at = $3
         WHERE org_id = $1 AND device_id = $2 AND (health_changed_at IS NULL OR health_changed_at < $3)
         RETURNING org_id, device_id, site_id, offline_since)
       INSERT INTO device_outage (org_id, device_id, started_at, site_wide)
       SELECT d.org_id, d.device_id, d.offline_since, coalesce(s.unreachable_since IS NOT NULL, false)
       FROM d LEFT JOIN site s ON s.org_id = d.org_id AND s.site_id = d.site_id
       ON CONFLICT DO NOTHING`,
      [orgId, deviceId, at],
    );
  }

  async deviceOnline(m: EntityManager, orgId: string, deviceId: string, at: Date): Promise<void> {
    await m.query(
      `WITH d AS (
         UPDATE device dv SET offline_since = NULL, health_changed_at = $3
         FROM (SELECT offline_since AS since FROM device WHERE org_id = $1 AND device_id = $2) prev
         WHERE dv.org_id = $1 AND dv.device_id = $2 AND (dv.health_changed_at IS NULL OR dv.health_changed_at < $3)
         RETURNING dv.org_id, dv.device_id, prev.since)
       UPDATE device_outage o SET ended_at = $3 FROM d
       WHERE o.org_id = d.org_id AND o.device_id = d.device_id AND o.started_at = d.since AND o.ended_at IS NULL`,
      [orgId, deviceId, at],
    );
  }

  /**
   * A site outage: its silent devices are offline, and their open outages are site-wide, not device failures.
   * run-to-failure ignores them while the site is unreachable and counts from its recovery after.
   */
  async siteUnreachable(
    m: EntityManager,
    orgId: string,
    siteId: string,
    at: Date,
    deviceIds: readonly string[] = [],
  ): Promise<void> {
    await this.ensureSite(m, orgId, siteId);
    for (const id of deviceIds) await this.deviceOffline(m, orgId, id, at);
    await m.query(
      `UPDATE site SET unreachable_since = coalesce(unreachable_since, $3) WHERE org_id = $1 AND site_id = $2`,
      [orgId, siteId, at],
    );
    await m.query(
      `UPDATE device_outage o SET site_wide = true FROM device d
       WHERE o.org_id = $1 AND d.org_id = $1 AND d.device_id = o.device_id AND d.site_id = $2 AND o.ended_at IS NULL`,
      [orgId, siteId],
    );
  }

  /** The site is back: its site-wide outages end, except for the devices still silent (health reports them again). */
  async siteRecovered(
    m: EntityManager,
    orgId: string,
    siteId: string,
    at: Date,
    stillOffline: readonly string[] = [],
  ): Promise<void> {
    await this.ensureSite(m, orgId, siteId);
    const back: Array<{ device_id: string }> = await m.query(
      `SELECT o.device_id FROM device_outage o JOIN device d ON d.org_id = o.org_id AND d.device_id = o.device_id
       WHERE o.org_id = $1 AND d.site_id = $2 AND o.ended_at IS NULL AND o.site_wide AND NOT o.device_id = ANY ($3::text[])`,
      [orgId, siteId, stillOffline],
    );
    for (const d of back) await this.deviceOnline(m, orgId, d.device_id, at);
    await m.query(
      `UPDATE site SET unreachable_since = NULL, recovered_at = greatest(recovered_at, $3)
       WHERE org_id = $1 AND site_id = $2`,
      [orgId, siteId, at],
    );
  }

  /** Upserts a site and recomputes the ancestor path of it and of every site below it. */
  upsertSite(m: EntityManager, orgId: string, s: SiteSnapshot): Promise<void> {
    return this.upsertSites(m, orgId, [s]);
  }

  /** Upserts many sites in one statement, then recomputes the paths once. */
  async upsertSites(m: EntityManager, orgId: string, sites: readonly SiteSnapshot[]): Promise<void> {
    await m.query(
      `INSERT INTO site (org_id, site_id, parent_id, path, timezone)
       SELECT $1, x.site_id, x.parent_id, ARRAY[x.site_id], coalesce(x.timezone, 'UTC')
       FROM unnest($2::text[], $3::text[], $4::text[]) AS x(site_id, parent_id, timezone)
       ON CONFLICT (org_id, site_id) DO UPDATE SET parent_id = EXCLUDED.parent_id, timezone = EXCLUDED.timezone,
         updated_at = now()`,
      [orgId, sites.map((s) => s.siteId), sites.map((s) => s.parentId), sites.map((s) => s.timezone)],
    );
    await m.query(
      `WITH RECURSIVE tree AS (
         SELECT site_id, ARRAY[site_id] AS path FROM site r WHERE r.org_id = $1
           AND (r.parent_id IS NULL OR NOT EXISTS (SELECT 1 FROM site p WHERE p.org_id = $1 AND p.site_id = r.parent_id))
         UNION ALL
         SELECT c.site_id, t.path || c.site_id FROM site c JOIN tree t ON c.parent_id = t.site_id
         WHERE c.org_id = $1 AND NOT c.site_id = ANY (t.path))
       UPDATE site s SET path = t.path FROM tree t
       WHERE s.org_id = $1 AND s.site_id = t.site_id AND s.path IS DISTINCT FROM t.path`,
      [orgId],
    );
  }

  private async ensureSite(m: EntityManager, orgId: string, siteId: string): Promise<void> {
    await m.query(`INSERT INTO site (org_id, site_id, path) VALUES ($1, $2, ARRAY[$2]) ON CONFLICT DO NOTHING`, [
      orgId,
      siteId,
    ]);
  }
}
