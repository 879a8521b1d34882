import { Module } from '@nestjs/common';
import { MessagingModule } from '@fleetward/platform';
import { CatalogService } from './catalog/catalog.service.js';
import { EvaluationService } from './evaluation/evaluation.service.js';
import { CatalogEventsConsumer, OrgEventsConsumer } from './events/lifecycle-events.consumer.js';
import { PlanService } from './plan/plan.service.js';
import { ReportHttpController } from './reports/report.http.controller.js';
import { ReportService } from './reports/report.service.js';
import { FirmwareRpcController } from './rpc/firmware.rpc.controller.js';
import { PlanRpcController } from './rpc/plan.rpc.controller.js';

/** Firmware catalog and compliance, replacement policies, plan, forecast and reports. */
@Module({
  imports: [MessagingModule.forRoot()],
  controllers: [FirmwareRpcController, PlanRpcController, ReportHttpController],
  providers: [CatalogService, EvaluationService, PlanService, ReportService, OrgEventsConsumer, CatalogEventsConsumer],
})
export class LifecycleModule {}
