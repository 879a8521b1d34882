import { rowsOf } from '@fleetward/platform';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { escapeLike } from '../common/sql.js';
import type { SiteRow } from './site.row.js';

export interface SiteWrite {
  name: string;
  code: string;
  kind: string | null;
  address: string | null;
  country: string | null;
  lat: number | null;
  lon: number | null;
  timezone: string | null;
  tags: string[];
}

const FIELDS = 'name, code, kind, address, country, latitude, longitude, timezone, tags';
const values = (w: SiteWrite) => [w.name, w.code, w.kind, w.address, w.country, w.lat, w.lon, w.timezone, w.tags];

@Injectable()
export class SiteRepository {
  async insert(m: EntityManager, orgId: string, id: string, parent: SiteRow | null, w: SiteWrite): Promise<SiteRow> {
    const path = `${parent?.path ?? '/'}${id}/`;
    const rows: SiteRow[] = await m.query(
      `INSERT INTO site (id, org_id, parent_id, path, depth, ${FIELDS})
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14::text[]) RETURNING *`,
      [id, orgId, parent?.id ?? null, path, parent ? parent.depth + 1 : 0, ...values(w)],
    );
    return rows[0]!;
  }

  async update(m: EntityManager, orgId: string, id: string, w: SiteWrite): Promise<SiteRow> {
    const rows = rowsOf<SiteRow>(
      await m.query(
        `UPDATE site SET (${FIELDS}) = ($3, $4, $5, $6, $7, $8, $9, $10, $11::text[]), updated_at = now()
       WHERE org_id = $1 AND id = $2 RETURNING *`,
        [orgId, id, ...values(w)],
      ),
    );
    return rows[0]!;
  }

  async findById(m: EntityManager, orgId: string, id: string, lock = false): Promise<SiteRow | undefined> {
    const rows: SiteRow[] = await m.query(
      `SELECT * FROM site WHERE org_id = $1 AND id = $2${lock ? ' FOR UPDATE' : ''}`,
      [orgId, id],
    );
    return rows[0];
  }

  /** Sites in tree order (by path); children of `parentId` only when given. */
  async list(
    m: EntityManager,
    orgId: string,
    parentId: string | undefined,
    limit: number,
    afterPath?: string,
  ): Promise<SiteRow[]> {
    return m.query(
      `SELECT * FROM site WHERE org_id = $1 AND ($2::text IS NULL OR parent_id = $2) AND ($3::text IS NULL OR path > $3)
       ORDER BY path LIMIT $4`,
      [orgId, parentId ?? null, afterPath ?? null, limit],
    );
  }

  /**
   * Moves a whole subtree in one statement: every path under the old prefix gets the new prefix and depths shift.
   * Returns the moved root.
   */
  async moveSubtree(m: EntityManager, orgId: string, site: SiteRow, newParent: SiteRow | null): Promise<SiteRow> {
    const newPath = `${newParent?.path ?? '/'}${site.id}/`;
    const depthDelta = (newParent ? newParent.depth + 1 : 0) - site.depth;
    await m.query(
      `UPDATE site SET path = $3 || substr(path, length($2) + 1), depth = depth + $4, updated_at = now()
       WHERE org_id = $1 AND path LIKE $5`,
      [orgId, site.path, newPath, depthDelta, `${escapeLike(site.path)}%`],
    );
    const rows = rowsOf<SiteRow>(
      await m.query(`UPDATE site SET parent_id = $3 WHERE org_id = $1 AND id = $2 RETURNING *`, [
        orgId,
        site.id,
        newParent?.id ?? null,
      ]),
    );
    return rows[0]!;
  }

  async countChildren(m: EntityManager, orgId: string, id: string): Promise<number> {
    const [r] = await m.query(`SELECT count(*)::int AS n FROM site WHERE org_id = $1 AND parent_id = $2`, [orgId, id]);
    return r.n;
  }

  /** Devices still in service at the site (decommissioned ones do not hold a site). */
  async countDevices(m: EntityManager, orgId: string, id: string): Promise<number> {
    const [r] = await m.query(
      `SELECT count(*)::int AS n FROM device WHERE org_id = $1 AND site_id = $2 AND status <> 'decommissioned'`,
      [orgId, id],
    );
    return r.n;
  }

  /**
   * Before the site is deleted: its decommissioned devices let go of it (device.site_id is a foreign key, so they
   * would otherwise block the delete forever, and a decommissioned device cannot be edited). Where such a device
   * stood stays in its device.decommissioned event. Returns how many were detached.
   */
  async detachDecommissionedDevices(m: EntityManager, orgId: string, id: string): Promise<number> {
    const rows = rowsOf(
      await m.query(
        `UPDATE device SET site_id = NULL, updated_at = now()
         WHERE org_id = $1 AND site_id = $2 AND status = 'decommissioned' RETURNING id`,
        [orgId, id],
      ),
    );
    return rows.length;
  }

  async delete(m: EntityManager, orgId: string, id: string): Promise<void> {
    await m.query(`DELETE FROM site WHERE org_id = $1 AND id = $2`, [orgId, id]);
  }

  /** Site ids by code, for imports. */
  async idsByCode(m: EntityManager, orgId: string, codes: string[]): Promise<Map<string, string>> {
    const rows: { id: string; code: string }[] = await m.query(
      `SELECT id, code FROM site WHERE org_id = $1 AND code = ANY($2::text[])`,
      [orgId, codes],
    );
    return new Map(rows.map((r) => [r.code, r.id]));
  }

  /** id -> code for every site of the organisation (exports write codes, the import reads them). */
  async codesById(m: EntityManager, orgId: string): Promise<Map<string, string>> {
    const rows: { id: string; code: string }[] = await m.query(`SELECT id, code FROM site WHERE org_id = $1`, [orgId]);
    return new Map(rows.map((r) => [r.id, r.code]));
  }
}
