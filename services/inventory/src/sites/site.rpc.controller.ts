import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { InventoryRpc } from '@fleetward/contracts';
import { handleRpc } from '@fleetward/platform';
import { SiteService } from './site.service.js';

@Controller()
export class SiteRpcController {
  constructor(private readonly sites: SiteService) {}

  @MessagePattern(InventoryRpc.sitesCreate.pattern)
  create(@Payload() payload: unknown) {
    return handleRpc(InventoryRpc.sitesCreate, payload, (r) => this.sites.create(r.caller.orgId, r.site));
  }

  @MessagePattern(InventoryRpc.sitesGet.pattern)
  get(@Payload() payload: unknown) {
    return handleRpc(InventoryRpc.sitesGet, payload, (r) => this.sites.get(r.caller.orgId, r.id));
  }

  @MessagePattern(InventoryRpc.sitesList.pattern)
  list(@Payload() payload: unknown) {
    return handleRpc(InventoryRpc.sitesList, payload, (r) =>
      this.sites.list(r.caller.orgId, r.parentId, r.limit, r.cursor),
    );
  }

  @MessagePattern(InventoryRpc.sitesUpdate.pattern)
  update(@Payload() payload: unknown) {
    return handleRpc(InventoryRpc.sitesUpdate, payload, (r) => this.sites.update(r.caller.orgId, r.id, r.patch));
  }

  @MessagePattern(InventoryRpc.sitesMove.pattern)
  move(@Payload() payload: unknown) {
    return handleRpc(InventoryRpc.sitesMove, payload, (r) => this.sites.move(r.caller.orgId, r.id, r.parentId));
  }

  @MessagePattern(InventoryRpc.sitesDelete.pattern)
  delete(@Payload() payload: unknown) {
    return handleRpc(InventoryRpc.sitesDelete, payload, (r) => this.sites.delete(r.caller.orgId, r.id));
  }
}
