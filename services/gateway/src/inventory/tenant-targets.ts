import { Injectable } from '@nestjs/common';
import { InventoryRpc, type Caller } from '@fleetward/contracts';
import { GatewayError } from '../http/gateway-error.js';
import { ServiceClient } from '../rpc/service-client.js';

/**
 * Site and device ids that a request body names for another service (maintenance windows, replacement policies,
 * alert rules) are checked against the inventory, the owner of sites and devices, with the caller's organisation:
 * another organisation's id is refused exactly like an id that does not exist (400, nothing stored).
 */
@Injectable()
export class TenantTargets {
  constructor(private readonly services: ServiceClient) {}

  async requireSites(caller: Caller, ids: readonly string[], field: string): Promise<void> {
    for (const id of new Set(ids)) {
      await this.require(() => this.services.call(InventoryRpc.sitesGet, { id }, caller), 'SITE', field, id);
    }
  }

  async requireDevice(caller: Caller, id: string, field: string): Promise<void> {
    await this.require(() => this.services.call(InventoryRpc.devicesGet, { id }, caller), 'DEVICE', field, id);
  }

  private async require(get: () => Promise<unknown>, kind: 'SITE' | 'DEVICE', field: string, id: string) {
    try {
      await get();
    } catch (err) {
      const code = (err as { code?: unknown }).code;
      if (code !== 'NOT_FOUND' && code !== 'INVALID') throw err;
      throw new GatewayError(
        400,
        `${kind}_NOT_FOUND`,
        `${field}: no ${kind.toLowerCase()} ${id} in your organisation`,
        {
          field,
        },
      );
    }
  }
}
