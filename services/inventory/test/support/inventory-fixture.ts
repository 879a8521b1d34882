import { randomUUID } from 'node:crypto';
import { testDatabase, type TestDatabase } from '@fleetward/platform/testing';
import type { DataSource } from 'typeorm';
import { DeviceModelRepository } from '../../src/device-models/device-model.repository.js';
import { DeviceModelService } from '../../src/device-models/device-model.service.js';
import { DeviceEventsService } from '../../src/devices/device-events.service.js';
import { DeviceRepository } from '../../src/devices/device.repository.js';
import { DeviceService } from '../../src/devices/device.service.js';
import { entities } from '../../src/entities.js';
import { migrations } from '../../src/migrations/index.js';
import { OrgSettingsRepository } from '../../src/organisations/org-settings.repository.js';
import { OrgSettingsService } from '../../src/organisations/org-settings.service.js';
import { SiteRepository } from '../../src/sites/site.repository.js';
import { SiteService } from '../../src/sites/site.service.js';
import { ImportJobRepository } from '../../src/imports/import-job.repository.js';
import { ImportStageRepository } from '../../src/imports/import-stage.repository.js';
import { ImportService } from '../../src/imports/import.service.js';

/** The inventory services wired by hand over a DataSource (the app role: row-level security applies). */
export function inventoryServices(ds: DataSource) {
  const settingsRepo = new OrgSettingsRepository();
  const deviceRepo = new DeviceRepository();
  const siteRepo = new SiteRepository();
  const deviceEvents = new DeviceEventsService(settingsRepo);
  return {
    settings: new OrgSettingsService(ds, settingsRepo),
    sites: new SiteService(ds, siteRepo, deviceEvents),
    devices: new DeviceService(ds, deviceRepo, siteRepo, settingsRepo, deviceEvents),
    models: new DeviceModelService(ds, new DeviceModelRepository(), deviceRepo, settingsRepo, deviceEvents),
  };
}

export async function inventoryDatabase(): Promise<TestDatabase> {
  return testDatabase({ entities, migrations });
}

export const newOrgId = (): string => `org-${randomUUID().slice(0, 8)}`;

// Event data is checked field by field in the tests; its exact type depends on the event.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type OutboxEvent = { type: string; orgId: string; id: string; data: any };

/** Events written to the outbox (owner connection, so nothing is hidden), oldest first. */
export async function outboxEvents(db: TestDatabase, type?: string): Promise<OutboxEvent[]> {
  const rows: { payload: string | OutboxEvent }[] = await db.ownerDataSource.query(
    `SELECT payload FROM outbox ORDER BY seq`,
  );
  return rows
    .map((r): OutboxEvent => (typeof r.payload === 'string' ? JSON.parse(r.payload) : r.payload))
    .filter((e) => !type || e.type === type);
}

/** The import service wired by hand. */
export function importService(ds: DataSource) {
  const settingsRepo = new OrgSettingsRepository();
  return new ImportService(
    ds,
    new ImportJobRepository(),
    new ImportStageRepository(),
    settingsRepo,
    new DeviceEventsService(settingsRepo),
  );
}
