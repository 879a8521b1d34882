import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { HealthRpc } from '@fleetward/contracts';
import { handleRpc } from '@fleetward/platform';
import { UptimeService } from '../uptime/uptime.service.js';
import { LivenessQueryService } from './liveness-query.service.js';

/** The gateway's questions to health; each is scoped to the caller's organisation. */
@Controller()
export class HealthRpcController {
  constructor(
    private readonly liveness: LivenessQueryService,
    private readonly uptime: UptimeService,
  ) {}

  @MessagePattern(HealthRpc.devicesList.pattern)
  list(@Payload() payload: unknown) {
    return handleRpc(HealthRpc.devicesList, payload, (r) => this.liveness.list(r.caller.orgId, r));
  }

  @MessagePattern(HealthRpc.deviceGet.pattern)
  get(@Payload() payload: unknown) {
    return handleRpc(HealthRpc.deviceGet, payload, (r) => this.liveness.get(r.caller.orgId, r.deviceId));
  }

  @MessagePattern(HealthRpc.devicesGet.pattern)
  getMany(@Payload() payload: unknown) {
    return handleRpc(HealthRpc.devicesGet, payload, async (r) => ({
      items: await this.liveness.getMany(r.caller.orgId, r.deviceIds),
    }));
  }

  @MessagePattern(HealthRpc.deviceHistory.pattern)
  history(@Payload() payload: unknown) {
    return handleRpc(HealthRpc.deviceHistory, payload, (r) => this.uptime.history(r.caller.orgId, r));
  }

  @MessagePattern(HealthRpc.summary.pattern)
  summary(@Payload() payload: unknown) {
    return handleRpc(HealthRpc.summary, payload, (r) => this.liveness.summary(r.caller.orgId));
  }

  @MessagePattern(HealthRpc.availability.pattern)
  availability(@Payload() payload: unknown) {
    return handleRpc(HealthRpc.availability, payload, (r) => this.uptime.availability(r.caller.orgId, r));
  }
}
