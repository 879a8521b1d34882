import { Module } from '@nestjs/common';
import { AuditController } from './audit/audit.controller.js';
import { EventStreamService } from './events/event-stream.service.js';
import { EventsController } from './events/events.controller.js';
import { GatewayCoreModule } from './gateway-core.module.js';
import { DeviceTokenResolver } from './heartbeats/device-token.resolver.js';
import { HeartbeatPublisher } from './heartbeats/heartbeat.publisher.js';
import { HeartbeatService } from './heartbeats/heartbeat.service.js';
import { HeartbeatsController } from './heartbeats/heartbeats.controller.js';
import { ApiKeyService } from './keys/api-key.service.js';
import { ApiKeysController } from './keys/api-keys.controller.js';
import { OpenApiController } from './openapi/openapi.controller.js';
import { OpenApiDocumentService } from './openapi/openapi-document.service.js';
import { OrganisationController } from './organisations/organisation.controller.js';
import { OrganisationService } from './organisations/organisation.service.js';
import { UserService } from './users/user.service.js';
import { UsersController } from './users/users.controller.js';
import { ProcessingStatusController } from './status/processing-status.controller.js';
import { ProcessingStatusService } from './status/processing-status.service.js';

/** The gateway's own routes: organisation auth settings, keys, users, audit, live events, heartbeats, API docs, processing status. */
@Module({
  imports: [GatewayCoreModule],
  controllers: [
    OrganisationController,
    ApiKeysController,
    UsersController,
    AuditController,
    EventsController,
    HeartbeatsController,
    OpenApiController,
    ProcessingStatusController,
  ],
  providers: [
    OrganisationService,
    ApiKeyService,
    UserService,
    EventStreamService,
    HeartbeatService,
    HeartbeatPublisher,
    DeviceTokenResolver,
    OpenApiDocumentService,
    ProcessingStatusService,
  ],
})
export class GatewayModule {}
