import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { decodeCursor, OutboxWriter, pageFrom, withOrg } from '@fleetward/platform';
import type { Site, siteCreateSchema, siteUpdateSchema } from '@fleetward/contracts';
import type { DataSource, EntityManager } from 'typeorm';
import type { z } from 'zod';
import { InventoryErrors, isUniqueViolation } from '../common/inventory-errors.js';
import { escapeLike } from '../common/sql.js';
import { DeviceEventsService } from '../devices/device-events.service.js';
import { InventoryEvents } from '../events/inventory-events.js';
import { SiteRepository, type SiteWrite } from './site.repository.js';
import { changedSiteFields, toSite, toSiteState, type SiteRow } from './site.row.js';

type SiteCreate = z.output<typeof siteCreateSchema>;
type SitePatch = z.output<typeof siteUpdateSchema>;

@Injectable()
export class SiteService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repo: SiteRepository,
    private readonly deviceEvents: DeviceEventsService,
  ) {}

  create(orgId: string, input: SiteCreate): Promise<Site> {
    return this.write(orgId, input.code, input.id, async (m) => {
      const parent = input.parentId ? await this.mustFind(m, orgId, input.parentId) : null;
      const row = await this.repo.insert(m, orgId, input.id ?? randomUUID(), parent, toWrite(input));
      await OutboxWriter.add(m, InventoryEvents.siteCreated(toSiteState(row)));
      return toSite(row);
    });
  }

  get(orgId: string, id: string): Promise<Site> {
    return withOrg(this.dataSource, orgId, async (m) => toSite(await this.mustFind(m, orgId, id)));
  }

  async list(orgId: string, parentId: string | undefined, limit: number, cursor?: string) {
    const after = decodeCursor(cursor, 1);
    return withOrg(this.dataSource, orgId, async (m) => {
      const rows = await this.repo.list(m, orgId, parentId, limit + 1, after ? String(after[0]) : undefined);
      return pageFrom(rows, limit, toSite, (r) => [r.path]);
    });
  }

  update(orgId: string, id: string, patch: SitePatch): Promise<Site> {
    return this.write(orgId, patch.code, undefined, async (m) => {
      const before = await this.mustFind(m, orgId, id, true);
      const after = await this.repo.update(m, orgId, id, { ...fromRow(before), ...definedOnly(toWrite(patch), patch) });
      await this.emitUpdated(m, before, after);
      return toSite(after);
    });
  }

  /** Moves the site and its subtree; every moved site gets site.updated and every device below it device.updated. */
  move(orgId: string, id: string, parentId: string | null): Promise<Site> {
    return withOrg(this.dataSource, orgId, async (m) => {
      const site = await this.mustFind(m, orgId, id, true);
      const parent = parentId ? await this.mustFind(m, orgId, parentId) : null;
      if (parent && parent.path.startsWith(site.path)) throw InventoryErrors.siteMoveCycle(id);
      if ((parent?.id ?? null) === site.parent_id) return toSite(site);
      const subtreeBefore = await m.query(`SELECT * FROM site WHERE org_id = $1 AND path LIKE $2`, [
        orgId,
        `${escapeLike(site.path)}%`,
      ]);
      const moved = await this.repo.moveSubtree(m, orgId, site, parent);
      const subtreeAfter: SiteRow[] = await m.query(`SELECT * FROM site WHERE org_id = $1 AND path LIKE $2`, [
        orgId,
        `${escapeLike(moved.path)}%`,
      ]);
      const beforeById = new Map<string, SiteRow>(subtreeBefore.map((r: SiteRow) => [r.id, r]));
      for (const after of subtreeAfter) await this.emitUpdated(m, beforeById.get(after.id)!, after);
      await this.deviceEvents.emitForSubtree(m, orgId, moved.path, ['sitePath']);
      return toSite(moved);
    });
  }

  delete(orgId: string, id: string): Promise<{ ok: true }> {
    return withOrg(this.dataSource, orgId, async (m) => {
      await this.mustFind(m, orgId, id, true);
      const children = await this.repo.countChildren(m, orgId, id);
      if (children > 0) throw InventoryErrors.siteHasChildren(id, children);
      const devices = await this.repo.countDevices(m, orgId, id);
      if (devices > 0) throw InventoryErrors.siteHasDevices(id, devices);
      await this.repo.detachDecommissionedDevices(m, orgId, id);
      await this.repo.delete(m, orgId, id);
      return { ok: true as const };
    });
  }

  private async emitUpdated(m: EntityManager, before: SiteRow, after: SiteRow): Promise<void> {
    const changed = changedSiteFields(toSiteState(before), toSiteState(after));
    if (changed.length) await OutboxWriter.add(m, InventoryEvents.siteUpdated(toSiteState(after), changed));
  }

  private async mustFind(m: EntityManager, orgId: string, id: string, lock = false): Promise<SiteRow> {
    const row = await this.repo.findById(m, orgId, id, lock);
    if (!row) throw InventoryErrors.siteNotFound(id);
    return row;
  }

  private async write<T>(
    orgId: string,
    code: string | undefined,
    id: string | undefined,
    fn: (m: EntityManager) => Promise<T>,
  ): Promise<T> {
    try {
      return await withOrg(this.dataSource, orgId, fn);
    } catch (err) {
      if (isUniqueViolation(err, 'site_org_code_uq')) throw InventoryErrors.siteCodeTaken(code ?? '');
      if (isUniqueViolation(err, 'site_pkey')) throw InventoryErrors.siteIdTaken(id ?? '');
      throw err;
    }
  }
}

function toWrite(i: Partial<SiteCreate>): SiteWrite {
  return {
    name: i.name ?? '',
    code: i.code ?? '',
    kind: i.kind ?? null,
    address: i.address ?? null,
    country: i.country ?? null,
    lat: i.lat ?? null,
    lon: i.lon ?? null,
    timezone: i.timezone ?? null,
    tags: i.tags ?? [],
  };
}

function fromRow(r: SiteRow): SiteWrite {
  return {
    name: r.name,
    code: r.code,
    kind: r.kind,
    address: r.address,
    country: r.country,
    lat: r.latitude,
    lon: r.longitude,
    timezone: r.timezone,
    tags: r.tags,
  };
}

/** Keeps only the fields the patch names (undefined = unchanged, null = cleared). */
function definedOnly(w: SiteWrite, patch: SitePatch): Partial<SiteWrite> {
  return Object.fromEntries(Object.entries(w).filter(([k]) => (patch as Record<string, unknown>)[k] !== undefined));
}
