import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { ReplacementPolicy, ReplacementPolicyInput } from './replacement-policy.schema.js';

interface Row {
  id: string;
  site_id: string | null;
  device_type: string | null;
  kind: ReplacementPolicy['kind'];
  offline_days: number | null;
  age_years: number | null;
  lead_days: number;
  annual_cap_pct: string | null;
}

const toPolicy = (r: Row): ReplacementPolicy => ({
  id: r.id,
  siteId: r.site_id,
  deviceType: r.device_type,
  kind: r.kind,
  offlineDays: r.offline_days,
  ageYears: r.age_years,
  leadDays: r.lead_days,
  annualCapPct: r.annual_cap_pct === null ? null : Number(r.annual_cap_pct),
});

/** One policy per scope (organisation, site subtree, device type, or site + type): setting a scope replaces it. */
export class ReplacementPolicyRepository {
  async put(m: EntityManager, orgId: string, p: ReplacementPolicyInput): Promise<ReplacementPolicy> {
    const [row]: Row[] = await m.query(
      `INSERT INTO replacement_policy (id, org_id, site_id, device_type, kind, offline_days, age_years, lead_days, annual_cap_pct)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (org_id, coalesce(site_id, ''), coalesce(device_type, '')) DO UPDATE SET kind = EXCLUDED.kind,
         offline_days = EXCLUDED.offline_days, age_years = EXCLUDED.age_years, lead_days = EXCLUDED.lead_days,
         annual_cap_pct = EXCLUDED.annual_cap_pct, updated_at = now()
       RETURNING *`,
      [randomUUID(), orgId, p.siteId, p.deviceType, p.kind, p.offlineDays, p.ageYears, p.leadDays, p.annualCapPct],
    );
    return toPolicy(row!);
  }

  async list(m: EntityManager, orgId: string): Promise<ReplacementPolicy[]> {
    const rows: Row[] = await m.query(
      `SELECT * FROM replacement_policy WHERE org_id = $1 ORDER BY site_id NULLS FIRST, device_type NULLS FIRST`,
      [orgId],
    );
    return rows.map(toPolicy);
  }

  async remove(m: EntityManager, orgId: string, id: string): Promise<boolean> {
    const [, count] = (await m.query(`DELETE FROM replacement_policy WHERE org_id = $1 AND id = $2`, [orgId, id])) as [
      unknown,
      number,
    ];
    return count > 0;
  }
}
