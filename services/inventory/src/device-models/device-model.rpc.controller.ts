import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { InventoryRpc } from '@fleetward/contracts';
import { handleRpc } from '@fleetward/platform';
import { DeviceModelService } from './device-model.service.js';

@Controller()
export class DeviceModelRpcController {
  constructor(private readonly models: DeviceModelService) {}

  @MessagePattern(InventoryRpc.modelsCreate.pattern)
  create(@Payload() payload: unknown) {
    return handleRpc(InventoryRpc.modelsCreate, payload, (r) => this.models.create(r.caller.orgId, r.model));
  }

  @MessagePattern(InventoryRpc.modelsGet.pattern)
  get(@Payload() payload: unknown) {
    return handleRpc(InventoryRpc.modelsGet, payload, (r) => this.models.get(r.caller.orgId, r.id));
  }

  @MessagePattern(InventoryRpc.modelsList.pattern)
  list(@Payload() payload: unknown) {
    return handleRpc(InventoryRpc.modelsList, payload, (r) =>
      this.models.list(r.caller.orgId, r.vendor, r.limit, r.cursor),
    );
  }

  @MessagePattern(InventoryRpc.modelsUpdate.pattern)
  update(@Payload() payload: unknown) {
    return handleRpc(InventoryRpc.modelsUpdate, payload, (r) => this.models.update(r.caller.orgId, r.id, r.patch));
  }
}
