import type { DataSource } from 'typeorm';
import { withOrg } from '@fleetward/platform';
import { deterministicEventId } from '../transitions/event-id.js';

export interface OfflineInterval {
  deviceId: string;
  siteId: string | null;
  cause: 'device' | 'site';
  startedAt: Date;
  endedAt: Date | null;
}

export interface TimeRange {
  from: Date;
  to: Date;
}

/** Offline intervals, written on transitions only; uptime is computed from them with range arithmetic in SQL. */
export class StateIntervalRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Opens an offline interval per device unless one is open (idempotent: the id derives from the event id). */
  async open(
    orgId: string,
    eventId: string,
    siteId: string | null,
    deviceIds: string[],
    cause: 'device' | 'site',
    at: Date,
  ): Promise<void> {
    if (deviceIds.length === 0) return;
    const ids = deviceIds.map((d) => deterministicEventId(`${eventId}|${d}`));
    await withOrg(this.dataSource, orgId, (m) =>
      m.query(
        `INSERT INTO state_interval (id, org_id, device_id, site_id, state, cause, started_at)
         SELECT u.id::uuid, $1, u.device_id, $2, 'offline', $3, $4 FROM unnest($5::text[], $6::text[]) AS u(id, device_id)
         ON CONFLICT DO NOTHING`,
        [orgId, siteId, cause, at, ids, deviceIds],
      ),
    );
  }

  async closeDevice(orgId: string, deviceId: string, at: Date): Promise<void> {
    await withOrg(this.dataSource, orgId, (m) =>
      m.query(
        `UPDATE state_interval SET ended_at = greatest(started_at, $3) WHERE org_id = $1 AND device_id = $2 AND ended_at IS NULL`,
        [orgId, deviceId, at],
      ),
    );
  }

  async closeSite(orgId: string, siteId: string, at: Date): Promise<void> {
    await withOrg(this.dataSource, orgId, (m) =>
      m.query(
        `UPDATE state_interval SET ended_at = greatest(started_at, $3)
         WHERE org_id = $1 AND site_id = $2 AND cause = 'site' AND ended_at IS NULL`,
        [orgId, siteId, at],
      ),
    );
  }

  async history(orgId: string, deviceId: string, range: TimeRange, limit: number): Promise<OfflineInterval[]> {
    const rows = (await withOrg(this.dataSource, orgId, (m) =>
      m.query(
        `SELECT device_id, site_id, cause, started_at, ended_at FROM state_interval
         WHERE org_id = $1 AND device_id = $2 AND started_at < $4 AND coalesce(ended_at, 'infinity') > $3
         ORDER BY started_at DESC LIMIT $5`,
        [orgId, deviceId, range.from, range.to, limit],
      ),
    )) as {
      device_id: string;
      site_id: string | null;
      cause: 'device' | 'site';
      started_at: Date;
      ended_at: Date | null;
    }[];
    return rows.map((r) => ({
      deviceId: r.device_id,
      siteId: r.site_id,
      cause: r.cause,
      startedAt: r.started_at,
      endedAt: r.ended_at,
    }));
  }

  /**
   * Seconds offline inside the window minus the excluded ranges, summed over the devices (one device, or a site's),
   * with the window's own length (after exclusions) per device.
   */
  async offlineSeconds(
    orgId: string,
    scope: { deviceId?: string; siteId?: string },
    window: TimeRange,
    exclude: TimeRange[],
  ): Promise<{ offlineSec: number; countedSec: number }> {
    const rows = (await withOrg(this.dataSource, orgId, (m) =>
      m.query(
        `WITH counted AS (
           SELECT tstzmultirange(tstzrange($3, $4)) - coalesce(
             (SELECT range_agg(tstzrange(f, t)) FROM unnest($5::timestamptz[], $6::timestamptz[]) AS x(f, t)),
             '{}'::tstzmultirange) AS mr),
         per_device AS (
           SELECT i.device_id, range_agg(tstzrange(i.started_at, coalesce(i.ended_at, now()))) * (SELECT mr FROM counted) AS off
           FROM state_interval i
           WHERE i.org_id = $1 AND ($2::text IS NULL OR i.device_id = $2) AND ($7::text IS NULL OR i.site_id = $7)
             AND i.started_at < $4 AND coalesce(i.ended_at, 'infinity') > $3
           GROUP BY i.device_id)
         SELECT
           coalesce((SELECT sum(extract(epoch FROM upper(r) - lower(r))) FROM per_device, unnest(off) AS r), 0)::float8 AS offline_sec,
           coalesce((SELECT sum(extract(epoch FROM upper(r) - lower(r))) FROM counted, unnest(mr) AS r), 0)::float8 AS counted_sec`,
        [
          orgId,
          scope.deviceId ?? null,
          window.from,
          window.to,
          exclude.map((e) => e.from),
          exclude.map((e) => e.to),
          scope.siteId ?? null,
        ],
      ),
    )) as { offline_sec: number; counted_sec: number }[];
    return { offlineSec: rows[0]!.offline_sec, countedSec: rows[0]!.counted_sec };
  }
}
