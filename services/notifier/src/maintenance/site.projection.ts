import type { EntityManager } from 'typeorm';
import type { SiteState } from '@fleetward/contracts';

/** The notifier's projection of sites (from site.* events): names and timezones for maintenance windows. */
export class SiteProjection {
  constructor(private readonly schema: string) {}

  async upsert(m: EntityManager, s: SiteState): Promise<void> {
    await m.query(
      `INSERT INTO "${this.schema}".site (org_id, id, name, path, timezone, updated_at) VALUES ($1,$2,$3,$4,$5,$6)
       ON CONFLICT (org_id, id) DO UPDATE SET name = EXCLUDED.name, path = EXCLUDED.path, timezone = EXCLUDED.timezone,
         updated_at = EXCLUDED.updated_at WHERE "${this.schema}".site.updated_at <= EXCLUDED.updated_at`,
      [s.orgId, s.id, s.name, s.path, s.timezone, s.updatedAt],
    );
  }

  async timezone(m: EntityManager, orgId: string, siteId: string): Promise<string | null> {
    const rows: Array<{ timezone: string | null }> = await m.query(
      `SELECT timezone FROM "${this.schema}".site WHERE org_id = $1 AND id = $2`,
      [orgId, siteId],
    );
    return rows[0]?.timezone ?? null;
  }
}
