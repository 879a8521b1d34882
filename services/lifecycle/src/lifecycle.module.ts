import { Module } from '@nestjs/common';
import { Clock, MessagingModule, systemClock } from '@fleetward/platform';
import { CatalogService } from './catalog/catalog.service.js';
import { EvaluationService } from './evaluation/evaluation.service.js';
import { LifecycleEventHandlers } from './events/lifecycle-event-handlers.js';
import { PlanService } from './plan/plan.service.js';
import { ReportHttpController } from './reports/report.http.controller.js';
import { ReportService } from './reports/report.service.js';
import { DailyEvaluationScheduler } from './schedule/daily-evaluation.scheduler.js';
import { DailyEvaluationService } from './schedule/daily-evaluation.service.js';
import { FirmwareRpcController } from './rpc/firmware.rpc.controller.js';
import { PlanRpcController } from './rpc/plan.rpc.controller.js';

/** Firmware catalog and compliance, replacement policies, plan, forecast, reports and the daily evaluation. */
@Module({
  imports: [MessagingModule.forRoot()],
  controllers: [FirmwareRpcController, PlanRpcController, ReportHttpController],
  providers: [
    // Every "now" of the service; tests override it with a ManualClock.
    { provide: Clock, useValue: systemClock },
    CatalogService,
    EvaluationService,
    PlanService,
    ReportService,
    LifecycleEventHandlers,
    DailyEvaluationService,
    DailyEvaluationScheduler,
  ],
})
export class LifecycleModule {}
