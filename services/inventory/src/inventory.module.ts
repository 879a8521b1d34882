import { Module } from '@nestjs/common';
import { DeviceModelRepository } from './device-models/device-model.repository.js';
import { DeviceModelRpcController } from './device-models/device-model.rpc.controller.js';
import { DeviceModelService } from './device-models/device-model.service.js';
import { DeviceEventsService } from './devices/device-events.service.js';
import { DeviceRepository } from './devices/device.repository.js';
import { DeviceRpcController } from './devices/device.rpc.controller.js';
import { DeviceService } from './devices/device.service.js';
import { DeviceExportHttpController } from './exports/device-export.http.controller.js';
import { ImportJobRepository } from './imports/import-job.repository.js';
import { ImportStageRepository } from './imports/import-stage.repository.js';
import { ImportHttpController } from './imports/import.http.controller.js';
import { ImportRpcController } from './imports/import.rpc.controller.js';
import { ImportService } from './imports/import.service.js';
import { OrgSettingsRepository } from './organisations/org-settings.repository.js';
import { OrgSettingsRpcController } from './organisations/org-settings.rpc.controller.js';
import { OrgSettingsService } from './organisations/org-settings.service.js';
import { SiteRepository } from './sites/site.repository.js';
import { SiteRpcController } from './sites/site.rpc.controller.js';
import { SiteService } from './sites/site.service.js';
import { WarrantyNoticeRepository } from './warranty/warranty-notice.repository.js';
import { WarrantyScheduler } from './warranty/warranty.scheduler.js';
import { WarrantyService } from './warranty/warranty.service.js';

/** Organisations, sites, models, devices, imports/exports and warranty notices. */
@Module({
  controllers: [
    OrgSettingsRpcController,
    SiteRpcController,
    DeviceModelRpcController,
    DeviceRpcController,
    ImportRpcController,
    ImportHttpController,
    DeviceExportHttpController,
  ],
  providers: [
    OrgSettingsRepository,
    OrgSettingsService,
    SiteRepository,
    SiteService,
    DeviceModelRepository,
    DeviceModelService,
    DeviceRepository,
    DeviceEventsService,
    DeviceService,
    ImportJobRepository,
    ImportStageRepository,
    ImportService,
    WarrantyNoticeRepository,
    WarrantyService,
    WarrantyScheduler,
  ],
})
export class InventoryModule {}
