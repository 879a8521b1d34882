import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { InventoryRpc } from '@fleetward/contracts';
import { handleRpc } from '@fleetward/platform';
import { DeviceService } from './device.service.js';

/** NATS request/reply edge for devices. The caller's org scopes every query (another org's id is simply not found). */
@Controller()
export class DeviceRpcController {
  constructor(private readonly devices: DeviceService) {}

  @MessagePattern(InventoryRpc.devicesCreate.pattern)
  create(@Payload() payload: unknown) {
    return handleRpc(InventoryRpc.devicesCreate, payload, (r) => this.devices.create(r.caller.orgId, r.device));
  }

  @MessagePattern(InventoryRpc.devicesGet.pattern)
  get(@Payload() payload: unknown) {
    return handleRpc(InventoryRpc.devicesGet, payload, (r) => this.devices.get(r.caller.orgId, r.id));
  }

  @MessagePattern(InventoryRpc.devicesUpdate.pattern)
  update(@Payload() payload: unknown) {
    return handleRpc(InventoryRpc.devicesUpdate, payload, (r) => this.devices.update(r.caller.orgId, r.id, r.patch));
  }

  @MessagePattern(InventoryRpc.devicesDecommission.pattern)
  decommission(@Payload() payload: unknown) {
    return handleRpc(InventoryRpc.devicesDecommission, payload, (r) =>
      this.devices.decommission(r.caller.orgId, r.id, r.reason ?? null),
    );
  }

  @MessagePattern(InventoryRpc.devicesList.pattern)
  list(@Payload() payload: unknown) {
    return handleRpc(InventoryRpc.devicesList, payload, (r) =>
      this.devices.list(r.caller.orgId, r.filter, r.sort, r.limit, r.cursor),
    );
  }

  @MessagePattern(InventoryRpc.devicesCounts.pattern)
  counts(@Payload() payload: unknown) {
    return handleRpc(InventoryRpc.devicesCounts, payload, (r) => this.devices.counts(r.caller.orgId, r.filter));
  }

  @MessagePattern(InventoryRpc.devicesRotateToken.pattern)
  rotateToken(@Payload() payload: unknown) {
    return handleRpc(InventoryRpc.devicesRotateToken, payload, (r) => this.devices.rotateToken(r.caller.orgId, r.id));
  }

  @MessagePattern(InventoryRpc.devicesByToken.pattern)
  byToken(@Payload() payload: unknown) {
    return handleRpc(InventoryRpc.devicesByToken, payload, (r) => this.devices.byToken(r.token));
  }
}
