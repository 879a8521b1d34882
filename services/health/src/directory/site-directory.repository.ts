import type { DataSource } from 'typeorm';
import type { SiteState } from '@fleetward/contracts';
import { withOrg } from '@fleetward/platform';

export interface SiteEntry {
  name: string;
  path: string[];
}

/** Names and paths of the sites, learnt from site.created / site.updated (the newest state wins). */
export class SiteDirectoryRepository {
  constructor(private readonly dataSource: DataSource) {}

  async apply(site: SiteState): Promise<void> {
    await withOrg(this.dataSource, site.orgId, (m) =>
      m.query(
        `INSERT INTO site_directory (org_id, site_id, name, path, updated_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (org_id, site_id) DO UPDATE SET name = EXCLUDED.name, path = EXCLUDED.path,
           updated_at = EXCLUDED.updated_at
         WHERE site_directory.updated_at <= EXCLUDED.updated_at`,
        [site.orgId, site.id, site.name, site.path, site.updatedAt],
      ),
    );
  }

  /** The known sites among the given ids. */
  async lookup(orgId: string, siteIds: string[]): Promise<Map<string, SiteEntry>> {
    if (siteIds.length === 0) return new Map();
    const rows = (await withOrg(this.dataSource, orgId, (m) =>
      m.query('SELECT site_id, name, path FROM site_directory WHERE org_id = $1 AND site_id = ANY($2)', [
        orgId,
        siteIds,
      ]),
    )) as { site_id: string; name: string; path: string[] }[];
    return new Map(rows.map((r) => [r.site_id, { name: r.name, path: r.path }]));
  }
}
