import { Module } from '@nestjs/common';
import { DeviceModelsController } from './device-models.controller.js';
import { DevicesController } from './devices.controller.js';
import { ImportsController } from './imports.controller.js';
import { SitesController } from './sites.controller.js';

/** The inventory's HTTP routes. ImportsController comes first so `devices/imports` is not read as `devices/:id`. */
@Module({
  controllers: [ImportsController, DevicesController, SitesController, DeviceModelsController],
})
export class InventoryRoutesModule {}
