import { Module } from '@nestjs/common';
import { FirmwareController } from './firmware.controller.js';
import { PlanController } from './plan.controller.js';

/** The lifecycle service's HTTP routes: each one calls a `LifecycleRpc` with the authenticated caller. */
@Module({ controllers: [FirmwareController, PlanController] })
export class LifecycleRoutesModule {}
