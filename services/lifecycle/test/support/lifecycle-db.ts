import { withOrg } from '@fleetward/platform';
import { testDatabase, uniqueId, type TestDatabase } from '@fleetward/platform/testing';
import type { EntityManager } from 'typeorm';
import { CatalogRepository } from '../../src/catalog/catalog.repository.js';
import type { FirmwareReleaseInput } from '../../src/catalog/firmware-release.schema.js';
import { firmwareReleaseInputSchema } from '../../src/catalog/firmware-release.schema.js';
import { migrations } from '../../src/migrations/index.js';
import { ProjectionRepository } from '../../src/projection/projection.repository.js';
import type { DeviceSnapshot } from '../../src/projection/projection.types.js';

/** A fresh lifecycle schema plus helpers to build small fleets through the real repositories. */
export async function lifecycleDb(): Promise<LifecycleDb> {
  return new LifecycleDb(await testDatabase({ migrations }));
}

export class LifecycleDb {
  readonly projection = new ProjectionRepository();
  readonly catalog = new CatalogRepository();
  constructor(readonly db: TestDatabase) {}

  newOrg(): string {
    return uniqueId('org').replace(/[^A-Za-z0-9_-]/g, '');
  }

  org<T>(orgId: string, fn: (m: EntityManager) => Promise<T>): Promise<T> {
    return withOrg(this.db.dataSource, orgId, fn);
  }

  async releases(list: Array<Partial<FirmwareReleaseInput> & { version: string; releaseDate: string }>): Promise<void> {
    await this.db.dataSource.transaction(async (m) => {
      for (const r of list) {
        await this.catalog.upsertRelease(
          m,
          firmwareReleaseInputSchema.parse({ vendor: 'Axis', models: ['P3265'], ...r }),
        );
      }
      await this.catalog.rebuildPositions(m);
    });
  }

  async devices(
    orgId: string,
    list: Array<Partial<DeviceSnapshot> & { deviceId: string }>,
    at = new Date('2026-01-01T00:00:00Z'),
  ) {
    await this.org(orgId, async (m) => {
      for (const d of list) {
        await this.projection.upsertDevice(m, orgId, { ...defaults, ...d }, at);
      }
    });
  }

  close(): Promise<void> {
    return this.db.drop();
  }
}

const defaults: Omit<DeviceSnapshot, 'deviceId'> = {
  name: 'device',
  serial: 'SN',
  siteId: null,
  sitePath: [],
  ownerTeam: null,
  tags: [],
  type: 'camera',
  vendor: 'Axis',
  model: 'P3265',
  firmwareVersion: null,
  installDate: null,
  warrantyEnd: null,
  cost: null,
  failed: false,
};
