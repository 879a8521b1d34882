import { Module } from '@nestjs/common';
import { AlertRulesController } from './alert-rules.controller.js';
import { AllowedHostsController } from './allowed-hosts.controller.js';
import { ChannelsController } from './channels.controller.js';
import { DeliveriesController } from './deliveries.controller.js';
import { IncidentsController } from './incidents.controller.js';
import { MaintenanceWindowsController } from './maintenance-windows.controller.js';

/** The notifier's HTTP routes: each one calls a `NotifierRpc` with the authenticated caller. */
@Module({
  controllers: [
    IncidentsController,
    MaintenanceWindowsController,
    AlertRulesController,
    ChannelsController,
    DeliveriesController,
    AllowedHostsController,
  ],
})
export class NotifierRoutesModule {}
