import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { decodeCursor, pageFrom, withOrg } from '@fleetward/platform';
import { uuidOrInvalid } from '../common/cursor-position.js';
import type { DeviceModel, deviceModelCreateSchema, deviceModelUpdateSchema } from '@fleetward/contracts';
import type { DataSource, EntityManager } from 'typeorm';
import type { z } from 'zod';
import { InventoryErrors, isUniqueViolation } from '../common/inventory-errors.js';
import { isUuid } from '../common/sql.js';
import { DeviceEventsService } from '../devices/device-events.service.js';
import { DeviceRepository } from '../devices/device.repository.js';
import { OrgSettingsRepository } from '../organisations/org-settings.repository.js';
import { DeviceModelRepository } from './device-model.repository.js';
import { toDeviceModel, type DeviceModelRow } from './device-model.row.js';

const UNKNOWN = { status: 'unknown', source: null } as const;

@Injectable()
export class DeviceModelService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repo: DeviceModelRepository,
    private readonly devices: DeviceRepository,
    private readonly settings: OrgSettingsRepository,
    private readonly deviceEvents: DeviceEventsService,
  ) {}

  async create(orgId: string, input: z.output<typeof deviceModelCreateSchema>): Promise<DeviceModel> {
    try {
      return await withOrg(this.dataSource, orgId, async (m) => {
        const row = await this.repo.insert(m, orgId, randomUUID(), input.vendor, input.model, {
          type: input.type,
          warrantyMonths: input.warrantyMonths ?? null,
          endOfSale: input.endOfSale ?? UNKNOWN,
          endOfSupport: input.endOfSupport ?? UNKNOWN,
        });
        await this.relinkDevices(m, orgId, row);
        return toDeviceModel(row);
      });
    } catch (err) {
      if (isUniqueViolation(err, 'device_model_org_vendor_model_uq'))
        throw InventoryErrors.modelTaken(input.vendor, input.model);
      throw err;
    }
  }

  get(orgId: string, id: string): Promise<DeviceModel> {
    return withOrg(this.dataSource, orgId, async (m) => toDeviceModel(await this.mustFind(m, orgId, id)));
  }

  update(orgId: string, id: string, patch: z.output<typeof deviceModelUpdateSchema>): Promise<DeviceModel> {
    return withOrg(this.dataSource, orgId, async (m) => {
      const cur = toDeviceModel(await this.mustFind(m, orgId, id, true));
      const row = await this.repo.update(m, orgId, id, {
        type: patch.type ?? cur.type,
        warrantyMonths: patch.warrantyMonths !== undefined ? patch.warrantyMonths : cur.warrantyMonths,
        endOfSale: patch.endOfSale ?? cur.endOfSale,
        endOfSupport: patch.endOfSupport ?? cur.endOfSupport,
      });
      if (patch.warrantyMonths !== undefined && patch.warrantyMonths !== cur.warrantyMonths)
        await this.relinkDevices(m, orgId, row);
      return toDeviceModel(row);
    });
  }

  async list(orgId: string, vendor: string | undefined, limit: number, cursor?: string) {
    const after = decodeCursor(cursor, 2);
    return withOrg(this.dataSource, orgId, async (m) => {
      const rows = await this.repo.list(
        m,
        orgId,
        vendor,
        limit + 1,
        after ? { key: String(after[0]), id: uuidOrInvalid(after[1]) } : undefined,
      );
      return pageFrom(rows, limit, toDeviceModel, (r) => [r.k, r.id]);
    });
  }

  /** Devices of this vendor/model get linked and their derived warranty end recomputed, each with device.updated. */
  private async relinkDevices(m: EntityManager, orgId: string, row: DeviceModelRow): Promise<void> {
    const pairs = await this.devices.rederiveForModel(m, orgId, row.vendor_key, row.model);
    if (pairs.length) await this.deviceEvents.updated(m, await this.settings.getOrCreate(m, orgId), pairs);
  }

  private async mustFind(m: EntityManager, orgId: string, id: string, lock = false): Promise<DeviceModelRow> {
    const row = isUuid(id) ? await this.repo.findById(m, orgId, id, lock) : undefined;
    if (!row) throw InventoryErrors.modelNotFound(id);
    return row;
  }
}
