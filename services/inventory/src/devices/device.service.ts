import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { pageFrom, withOrg } from '@fleetward/platform';
import type { Device, deviceCreateSchema, DeviceFilter, DeviceSort, deviceUpdateSchema } from '@fleetward/contracts';
import type { DataSource, EntityManager } from 'typeorm';
import type { z } from 'zod';
import { deviceCursor } from './device-query.js';
import { InventoryErrors, isUniqueViolation } from '../common/inventory-errors.js';
import { isUuid } from '../common/sql.js';
import { OrgSettingsRepository } from '../organisations/org-settings.repository.js';
import { SiteRepository } from '../sites/site.repository.js';
import { DeviceEventsService } from './device-events.service.js';
import { DeviceRepository, type DeviceWrite } from './device.repository.js';
import { toDevice, type DeviceRow } from './device.row.js';
import { hashToken, newHeartbeatToken, orgOfToken } from './device-token.js';

type DeviceCreate = z.output<typeof deviceCreateSchema>;
type DevicePatch = z.output<typeof deviceUpdateSchema>;

@Injectable()
export class DeviceService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repo: DeviceRepository,
    private readonly sites: SiteRepository,
    private readonly settings: OrgSettingsRepository,
    private readonly events: DeviceEventsService,
  ) {}

  async create(orgId: string, input: DeviceCreate): Promise<{ device: Device; heartbeatToken: string }> {
    const { token, hash } = newHeartbeatToken(orgId);
    try {
      return await withOrg(this.dataSource, orgId, async (m) => {
        const settings = await this.settings.getOrCreate(m, orgId);
        await this.checkSite(m, orgId, input.siteId);
        const row = await this.repo.insert(m, orgId, randomUUID(), toWrite(input), hash);
        await this.events.registered(m, settings, [row]);
        return { device: toDevice(row, settings), heartbeatToken: token };
      });
    } catch (err) {
      if (isUniqueViolation(err, 'device_org_vendor_serial_uq'))
        throw InventoryErrors.serialTaken(input.vendor, input.serial);
      throw err;
    }
  }

  get(orgId: string, id: string): Promise<Device> {
    return withOrg(this.dataSource, orgId, async (m) => {
      const settings = await this.settings.getOrCreate(m, orgId);
      return toDevice(await this.mustFind(m, orgId, id), settings);
    });
  }

  async update(orgId: string, id: string, patch: DevicePatch): Promise<Device> {
    try {
      return await withOrg(this.dataSource, orgId, async (m) => {
        const settings = await this.settings.getOrCreate(m, orgId);
        const before = await this.mustFind(m, orgId, id, true);
        if (before.status === 'decommissioned') throw InventoryErrors.deviceDecommissioned(id);
        if (patch.siteId !== undefined) await this.checkSite(m, orgId, patch.siteId);
        const after = await this.repo.update(m, orgId, id, { ...fromRow(before), ...patchWrite(patch) });
        await this.events.updated(m, settings, [{ before, after }]);
        return toDevice(after, settings);
      });
    } catch (err) {
      if (isUniqueViolation(err, 'device_org_vendor_serial_uq'))
        throw InventoryErrors.serialTaken(patch.vendor ?? '', patch.serial ?? '');
      throw err;
    }
  }

  /** Keeps the row (history); the event tells health to stop expecting the device. Repeating it is a no-op. */
  decommission(orgId: string, id: string, reason: string | null): Promise<Device> {
    return withOrg(this.dataSource, orgId, async (m) => {
      const settings = await this.settings.getOrCreate(m, orgId);
      const before = await this.mustFind(m, orgId, id, true);
      if (before.status === 'decommissioned') return toDevice(before, settings);
      const row = await this.repo.decommission(m, orgId, id);
      await this.events.decommissioned(m, settings, row, reason);
      return toDevice(row, settings);
    });
  }

  async list(orgId: string, filter: DeviceFilter, sort: DeviceSort, limit: number, cursor?: string) {
    const after = deviceCursor.decode(cursor, sort);
    return withOrg(this.dataSource, orgId, async (m) => {
      const rows = await this.repo.list(m, orgId, filter, sort, limit + 1, after);
      const settings = { heartbeatDefaults: rows[0]?.heartbeat_defaults ?? {} };
      return pageFrom(
        rows,
        limit,
        (r) => toDevice(r, settings),
        (r) => deviceCursor.position(sort, r),
      );
    });
  }

  counts(orgId: string, filter: DeviceFilter) {
    return withOrg(this.dataSource, orgId, async (m) => {
      const rows = await this.repo.counts(m, orgId, filter);
      const n = (r: { count: string }) => Number(r.count);
      // GROUPING bits: site_id=4, type=2, status=1; a bit is set when that column is rolled up.
      return {
        total: rows.filter((r) => r.g === 7).reduce((a, r) => a + n(r), 0),
        bySite: rows.filter((r) => r.g === 3).map((r) => ({ siteId: r.site_id, count: n(r) })),
        byType: rows.filter((r) => r.g === 5).map((r) => ({ type: r.type!, count: n(r) })),
        byStatus: rows.filter((r) => r.g === 6).map((r) => ({ status: r.status!, count: n(r) })),
      };
    });
  }

  rotateToken(orgId: string, id: string): Promise<{ device: Device; heartbeatToken: string }> {
    return withOrg(this.dataSource, orgId, async (m) => {
      const settings = await this.settings.getOrCreate(m, orgId);
      const row = await this.mustFind(m, orgId, id, true);
      if (row.status === 'decommissioned') throw InventoryErrors.deviceDecommissioned(id);
      const { token, hash } = newHeartbeatToken(orgId);
      await this.repo.setTokenHash(m, orgId, id, hash);
      return { device: toDevice(row, settings), heartbeatToken: token };
    });
  }

  async byToken(token: string): Promise<{ orgId: string; siteId: string | null; deviceId: string }> {
    const orgId = orgOfToken(token);
    if (!orgId) throw InventoryErrors.tokenNotFound();
    const found = await withOrg(this.dataSource, orgId, (m) => this.repo.findByTokenHash(m, orgId, hashToken(token)));
    if (!found) throw InventoryErrors.tokenNotFound();
    return { orgId, siteId: found.site_id, deviceId: found.id };
  }

  siteCodes(orgId: string): Promise<Map<string, string>> {
    return withOrg(this.dataSource, orgId, (m) => this.sites.codesById(m, orgId));
  }

  private async mustFind(m: EntityManager, orgId: string, id: string, lock = false): Promise<DeviceRow> {
    const row = isUuid(id) ? await this.repo.findById(m, orgId, id, lock) : undefined;
    if (!row) throw InventoryErrors.deviceNotFound(id);
    return row;
  }

  private async checkSite(m: EntityManager, orgId: string, siteId: string | null | undefined): Promise<void> {
    if (siteId && !(await this.sites.findById(m, orgId, siteId))) throw InventoryErrors.siteNotFound(siteId);
  }
}

function toWrite(i: DeviceCreate): DeviceWrite {
  return {
    vendor: i.vendor,
    model: i.model ?? null,
    type: i.type,
    name: i.name ?? i.serial,
    serial: i.serial,
    mac: i.mac ?? null,
    ip: i.ip ?? null,
    hostname: i.hostname ?? null,
    siteId: i.siteId ?? null,
    firmwareVersion: i.firmwareVersion ?? null,
    installDate: i.installDate ?? null,
    purchaseDate: i.purchaseDate ?? null,
    cost: i.cost ?? null,
    warrantyEndExplicit: i.warrantyEnd ?? null,
    ownerTeam: i.ownerTeam ?? null,
    status: 'active',
    tags: i.tags ?? [],
    notes: i.notes ?? null,
    customFields: i.customFields ?? {},
    heartbeatIntervalSec: i.heartbeatIntervalSec ?? null,
    offlineThresholdSec: i.offlineThresholdSec ?? null,
  };
}

function fromRow(r: DeviceRow): DeviceWrite {
  return {
    vendor: r.vendor,
    model: r.model,
    type: r.type,
    name: r.name,
    serial: r.serial,
    mac: r.mac,
    ip: r.ip,
    hostname: r.hostname,
    siteId: r.site_id,
    firmwareVersion: r.firmware_version,
    installDate: r.install_date,
    purchaseDate: r.purchase_date,
    cost: r.purchase_cost === null ? null : Number(r.purchase_cost),
    warrantyEndExplicit: r.warranty_end_explicit,
    ownerTeam: r.owner_team,
    status: r.status,
    tags: r.tags,
    notes: r.notes,
    customFields: r.custom_fields,
    heartbeatIntervalSec: r.heartbeat_interval_sec,
    offlineThresholdSec: r.offline_threshold_sec,
  };
}

/** Only the fields the patch names (undefined = unchanged, null = cleared). */
function patchWrite(p: DevicePatch): Partial<DeviceWrite> {
  const { warrantyEnd, ...rest } = p;
  const out: Record<string, unknown> = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined));
  if (warrantyEnd !== undefined) out['warrantyEndExplicit'] = warrantyEnd;
  return out as Partial<DeviceWrite>;
}
