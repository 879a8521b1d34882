import { Module } from '@nestjs/common';
import { FirmwareController } from './firmware.controller.js';
import { PlanController } from './plan.controller.js';
import { ReportsController } from './reports.controller.js';

/** The lifecycle service's HTTP routes: a `LifecycleRpc` with the authenticated caller, or a streamed CSV report. */
@Module({ controllers: [FirmwareController, PlanController, ReportsController] })
export class LifecycleRoutesModule {}
