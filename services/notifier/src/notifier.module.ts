import { Module, type Provider, type Type } from '@nestjs/common';
import { APP_CONFIG, MessagingModule } from '@fleetward/platform';
import type { Config } from './config.js';
import { ChannelRepository } from './channels/channel.repository.js';
import { ChannelSender } from './channels/channel-sender.js';
import { ChannelService } from './channels/channel.service.js';
import { DeliveryRepository } from './delivery/delivery.repository.js';
import { DeliveryService } from './delivery/delivery.service.js';
import { DispatchService } from './delivery/dispatch.service.js';
import { DueWorkRepository } from './delivery/due-work.repository.js';
import { JobScheduler } from './delivery/job-scheduler.js';
import { QueueMetrics } from './delivery/queue-metrics.js';
import { NotifierWorker } from './delivery/notifier-worker.js';
import { WorkSweeper } from './delivery/work-sweeper.js';
import { NotifierEventHandlers } from './events/notifier-event-handlers.js';
import { IncidentQueries } from './incidents/incident.queries.js';
import { IncidentRepository } from './incidents/incident.repository.js';
import { LivenessOrderRepository } from './incidents/liveness-order.repository.js';
import { IncidentService } from './incidents/incident.service.js';
import { MaintenanceRepository } from './maintenance/maintenance.repository.js';
import { MaintenanceService } from './maintenance/maintenance.service.js';
import { SiteProjection } from './maintenance/site.projection.js';
import { GroupIncidentRepository } from './groups/group-incident.repository.js';
import { GroupIncidentService } from './groups/group-incident.service.js';
import { GroupRoutingService } from './routing/group-routing.service.js';
import { EscalationRepository } from './routing/escalation.repository.js';
import { NotificationGroupRepository } from './routing/notification-group.repository.js';
import { RoutingRuleRepository } from './routing/routing-rule.repository.js';
import { RoutingRuleService } from './routing/routing-rule.service.js';
import { RoutingService } from './routing/routing.service.js';
import { AlertingRpcController } from './rpc/alerting.rpc.controller.js';
import { IncidentsRpcController } from './rpc/incidents.rpc.controller.js';

/** Repositories take the service's schema (DB_SCHEMA; a fresh one per test). */
const inSchema = (repo: Type<unknown> & (new (schema: string) => unknown)): Provider => ({
  provide: repo,
  useFactory: (config: Config) => new repo(config.DB_SCHEMA),
  inject: [APP_CONFIG],
});

@Module({
  imports: [MessagingModule.forRoot()],
  controllers: [IncidentsRpcController, AlertingRpcController],
  providers: [
    ...[
      IncidentRepository,
      LivenessOrderRepository,
      IncidentQueries,
      GroupIncidentRepository,
      RoutingRuleRepository,
      NotificationGroupRepository,
      EscalationRepository,
      MaintenanceRepository,
      SiteProjection,
      ChannelRepository,
      DeliveryRepository,
      DueWorkRepository,
    ].map(inSchema),
    IncidentService,
    GroupIncidentService,
    RoutingService,
    GroupRoutingService,
    RoutingRuleService,
    MaintenanceService,
    ChannelService,
    ChannelSender,
    DispatchService,
    DeliveryService,
    JobScheduler,
    QueueMetrics,
    NotifierWorker,
    WorkSweeper,
    NotifierEventHandlers,
  ],
})
export class NotifierModule {}
