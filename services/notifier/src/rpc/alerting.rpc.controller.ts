import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { NotifierRpc } from '@fleetward/contracts';
import { handleRpc, withOrg } from '@fleetward/platform';
import { ChannelService } from '../channels/channel.service.js';
import { MaintenanceService } from '../maintenance/maintenance.service.js';
import { RoutingRuleService } from '../routing/routing-rule.service.js';

const hostView = (h: { host: string; created_by: string; created_at: Date }) => ({ host: h.host, createdBy: h.created_by, createdAt: h.created_at.toISOString() });

/** Routing rules, channels, allow-listed hosts and maintenance windows. */
@Controller()
export class AlertingRpcController {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly rules: RoutingRuleService,
    private readonly channels: ChannelService,
    private readonly maintenance: MaintenanceService,
  ) {}

  @MessagePattern(NotifierRpc.rulesList.pattern)
  rulesList(@Payload() p: unknown) {
    return handleRpc(NotifierRpc.rulesList, p, (r) => this.rules.list(r.caller, r.cursor, r.limit));
  }
  @MessagePattern(NotifierRpc.rulesCreate.pattern)
  rulesCreate(@Payload() p: unknown) {
    return handleRpc(NotifierRpc.rulesCreate, p, (r) => this.rules.create(r.caller, r.rule));
  }
  @MessagePattern(NotifierRpc.rulesUpdate.pattern)
  rulesUpdate(@Payload() p: unknown) {
    return handleRpc(NotifierRpc.rulesUpdate, p, (r) => this.rules.update(r.caller, r.id, r.rule));
  }
  @MessagePattern(NotifierRpc.rulesDelete.pattern)
  rulesDelete(@Payload() p: unknown) {
    return handleRpc(NotifierRpc.rulesDelete, p, (r) => this.rules.delete(r.caller, r.id));
  }

  @MessagePattern(NotifierRpc.channelsList.pattern)
  channelsList(@Payload() p: unknown) {
    return handleRpc(NotifierRpc.channelsList, p, (r) => this.channels.list(r.caller, r.cursor, r.limit));
  }
  @MessagePattern(NotifierRpc.channelsCreate.pattern)
  channelsCreate(@Payload() p: unknown) {
    return handleRpc(NotifierRpc.channelsCreate, p, (r) => this.channels.create(r.caller, r.channel));
  }
  @MessagePattern(NotifierRpc.channelsUpdate.pattern)
  channelsUpdate(@Payload() p: unknown) {
    return handleRpc(NotifierRpc.channelsUpdate, p, (r) => this.channels.update(r.caller, r.id, r.patch));
  }
  @MessagePattern(NotifierRpc.channelsDelete.pattern)
  channelsDelete(@Payload() p: unknown) {
    return handleRpc(NotifierRpc.channelsDelete, p, (r) => this.channels.delete(r.caller, r.id));
  }
  @MessagePattern(NotifierRpc.channelsRotateSecret.pattern)
  channelsRotate(@Payload() p: unknown) {
    return handleRpc(NotifierRpc.channelsRotateSecret, p, (r) => this.channels.rotateSecret(r.caller, r.id, r.expireOld));
  }
  @MessagePattern(NotifierRpc.channelsTest.pattern)
  channelsTest(@Payload() p: unknown) {
    return handleRpc(NotifierRpc.channelsTest, p, (r) => this.channels.test(r.caller, r.id));
  }

  @MessagePattern(NotifierRpc.allowedHostsList.pattern)
  hostsList(@Payload() p: unknown) {
    return handleRpc(NotifierRpc.allowedHostsList, p, async (r) => ({ items: (await this.channels.allowedHosts(r.caller)).map(hostView) }));
  }
  @MessagePattern(NotifierRpc.allowedHostsAdd.pattern)
  hostsAdd(@Payload() p: unknown) {
    return handleRpc(NotifierRpc.allowedHostsAdd, p, async (r) => hostView(await this.channels.addAllowedHost(r.caller, r.host)));
  }
  @MessagePattern(NotifierRpc.allowedHostsRemove.pattern)
  hostsRemove(@Payload() p: unknown) {
    return handleRpc(NotifierRpc.allowedHostsRemove, p, (r) => this.channels.removeAllowedHost(r.caller, r.host));
  }

  @MessagePattern(NotifierRpc.maintenanceCreate.pattern)
  maintenanceCreate(@Payload() p: unknown) {
    return handleRpc(NotifierRpc.maintenanceCreate, p, (r) =>
      withOrg(this.ds, r.caller.orgId, (m) => this.maintenance.create(m, r.caller.orgId, r.caller.actor, r.window, new Date())),
    );
  }
  @MessagePattern(NotifierRpc.maintenanceList.pattern)
  maintenanceList(@Payload() p: unknown) {
    return handleRpc(NotifierRpc.maintenanceList, p, (r) =>
      withOrg(this.ds, r.caller.orgId, (m) => this.maintenance.list(m, r.caller.orgId, r.targetId, r.cursor, r.limit, new Date())),
    );
  }
  @MessagePattern(NotifierRpc.maintenanceCancel.pattern)
  maintenanceCancel(@Payload() p: unknown) {
    return handleRpc(NotifierRpc.maintenanceCancel, p, async (r) => {
      await withOrg(this.ds, r.caller.orgId, (m) => this.maintenance.cancel(m, r.caller.orgId, r.id));
      return { ok: true as const };
    });
  }
}
