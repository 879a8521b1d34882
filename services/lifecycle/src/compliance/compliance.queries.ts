import type { EntityManager } from 'typeorm';
import { versionKey } from '../firmware/version-key.js';
import { nameKey } from '../projection/projection.types.js';
import { complianceBreakdownSql, type ComplianceBreakdownBy } from './compliance-breakdown.sql.js';

export interface Baseline {
  vendor: string;
  model: string;
  version: string;
}

/** Reads of compliance and the approved baselines (org-scoped: run inside withOrg). */
export class ComplianceQueries {
  list(
    m: EntityManager,
    orgId: string,
    f: { status?: string; compliant?: boolean; deviceId?: string; limit: number; after?: string },
    asOf: Date,
  ) {
    return m.query(
      `SELECT d.device_id AS "deviceId", coalesce(nullif(d.name, ''), d.device_id) AS "deviceName", d.site_id AS "siteId",
              d.vendor, d.model, d.firmware_version AS "firmwareVersion", c.status, c.compliant,
              c.releases_behind AS "releasesBehind",
              CASE WHEN c.behind_since IS NULL THEN NULL ELSE ($5::timestamptz::date - c.behind_since) END AS "daysBehind",
              c.latest_version AS "latestVersion", c.cves, c.max_severity AS "maxSeverity",
              c.unsupported_since::text AS "unsupportedSince"
       FROM device_compliance c JOIN device d ON d.org_id = c.org_id AND d.device_id = c.device_id
       WHERE c.org_id = $1 AND ($2::text IS NULL OR c.status = $2) AND ($3::boolean IS NULL OR c.compliant = $3)
         AND ($4::text IS NULL OR c.device_id > $4) AND ($7::text IS NULL OR c.device_id = $7)
       ORDER BY c.device_id LIMIT $6`,
      [orgId, f.status ?? null, f.compliant ?? null, f.after ?? null, asOf, f.limit, f.deviceId ?? null],
    );
  }

  /** Compliance per site or per model (see complianceBreakdownSql). */
  async breakdown(m: EntityManager, orgId: string, by: ComplianceBreakdownBy) {
    const rows: Array<Record<string, string | number | null>> = await m.query(complianceBreakdownSql(by, '$1'), [
      orgId,
    ]);
    return rows.map((r) => ({
      ...(by === 'site'
        ? { siteId: r['site_id'] as string }
        : { vendor: r['vendor'] as string, model: r['model'] as string }),
      devices: r['devices'] as number,
      byStatus: {
        current: r['current'] as number,
        behind: r['behind'] as number,
        vulnerable: r['vulnerable'] as number,
        unsupported: r['unsupported'] as number,
        unknown: r['unknown'] as number,
      },
      noncompliant: r['noncompliant'] as number,
      compliantPct: Number(r['compliant_pct']),
      openCves: r['open_cves'] ? (r['open_cves'] as string).split(';') : [],
    }));
  }

  async summary(m: EntityManager, orgId: string) {
    const rows: Array<{ status: string; n: number; noncompliant: number }> = await m.query(
      `SELECT status, count(*)::int AS n, count(*) FILTER (WHERE NOT compliant)::int AS noncompliant
       FROM device_compliance WHERE org_id = $1 GROUP BY status`,
      [orgId],
    );
    return {
      devices: rows.reduce((a, r) => a + r.n, 0),
      byStatus: Object.fromEntries(rows.map((r) => [r.status, r.n])),
      noncompliant: rows.reduce((a, r) => a + r.noncompliant, 0),
    };
  }

  /** Returns false when the version has no number to order by. */
  async putBaseline(m: EntityManager, orgId: string, b: Baseline): Promise<boolean> {
    const key = versionKey(b.version);
    if (!key) return false;
    await m.query(
      `INSERT INTO firmware_baseline (org_id, vendor_key, model_key, version, version_key) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (org_id, vendor_key, model_key) DO UPDATE SET version = EXCLUDED.version,
         version_key = EXCLUDED.version_key, updated_at = now()`,
      [orgId, nameKey(b.vendor), nameKey(b.model), b.version, key],
    );
    return true;
  }

  async deleteBaseline(m: EntityManager, orgId: string, vendor: string, model: string): Promise<boolean> {
    const [, n] = (await m.query(
      `DELETE FROM firmware_baseline WHERE org_id = $1 AND vendor_key = $2 AND model_key = $3`,
      [orgId, nameKey(vendor), nameKey(model)],
    )) as [unknown, number];
    return n > 0;
  }

  listBaselines(m: EntityManager, orgId: string): Promise<Baseline[]> {
    return m.query(
      `SELECT vendor_key AS vendor, model_key AS model, version FROM firmware_baseline WHERE org_id = $1 ORDER BY 1, 2`,
      [orgId],
    );
  }
}
