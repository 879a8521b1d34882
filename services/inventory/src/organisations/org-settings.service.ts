import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { withOrg } from '@fleetward/platform';
import type { OrgSettings, orgSettingsPatchSchema } from '@fleetward/contracts';
import { IANAZone } from 'luxon';
import type { DataSource, EntityManager } from 'typeorm';
import type { z } from 'zod';
import { InventoryErrors } from '../common/inventory-errors.js';
import { OrgSettingsRepository } from './org-settings.repository.js';

@Injectable()
export class OrgSettingsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repo: OrgSettingsRepository,
  ) {}

  get(orgId: string): Promise<OrgSettings> {
    return withOrg(this.dataSource, orgId, (m) => this.repo.getOrCreate(m, orgId));
  }

  /** Inside a caller's org transaction. */
  getIn(m: EntityManager, orgId: string): Promise<OrgSettings> {
    return this.repo.getOrCreate(m, orgId);
  }

  async update(orgId: string, patch: z.output<typeof orgSettingsPatchSchema>): Promise<OrgSettings> {
    if (patch.timezone !== undefined && !IANAZone.isValidZone(patch.timezone))
      throw InventoryErrors.invalidTimezone(patch.timezone);
    return withOrg(this.dataSource, orgId, async (m) => {
      const current = await this.repo.getOrCreate(m, orgId);
      return this.repo.save(m, {
        ...current,
        ...(patch.timezone !== undefined && { timezone: patch.timezone }),
        ...(patch.heartbeatDefaults !== undefined && { heartbeatDefaults: patch.heartbeatDefaults }),
        ...(patch.warrantyLeadDays !== undefined && {
          warrantyLeadDays: [...new Set(patch.warrantyLeadDays)].sort((a, b) => b - a),
        }),
      });
    });
  }
}
