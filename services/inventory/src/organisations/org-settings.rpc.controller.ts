import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { InventoryRpc } from '@fleetward/contracts';
import { handleRpc } from '@fleetward/platform';
import { OrgSettingsService } from './org-settings.service.js';

@Controller()
export class OrgSettingsRpcController {
  constructor(private readonly settings: OrgSettingsService) {}

  @MessagePattern(InventoryRpc.orgSettingsGet.pattern)
  get(@Payload() payload: unknown) {
    return handleRpc(InventoryRpc.orgSettingsGet, payload, (r) => this.settings.get(r.caller.orgId));
  }

  @MessagePattern(InventoryRpc.orgSettingsUpdate.pattern)
  update(@Payload() payload: unknown) {
    return handleRpc(InventoryRpc.orgSettingsUpdate, payload, (r) => this.settings.update(r.caller.orgId, r.patch));
  }
}
