import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { deviceCreateSchema, deviceUpdateSchema, InventoryRpc, type Caller } from '@fleetward/contracts';
import type { z } from 'zod';
import { CurrentCaller } from '../auth/current-caller.decorator.js';
import { RequirePermission } from '../auth/require-permission.decorator.js';
import { ZodValidationPipe } from '../http/zod-validation.pipe.js';
import { ApiZodBody, ApiZodQuery, ApiZodResponse } from '../openapi/api-zod.decorators.js';
import { ServiceClient } from '../rpc/service-client.js';
import {
  decommissionBodySchema,
  deviceCountsQuerySchema,
  deviceListQuerySchema,
  idParamSchema,
  splitDeviceQuery,
} from './inventory-http.schemas.js';

/** Devices: the inventory's system of record. Each route calls one `InventoryRpc` with the authenticated caller. */
@ApiTags('Devices')
@Controller('api/v1/devices')
export class DevicesController {
  constructor(private readonly services: ServiceClient) {}

  /** Filtered, sorted, cursor-paginated (default 50, max 500). */
  @Get()
  @RequirePermission('devices:read')
  @ApiZodQuery(deviceListQuerySchema)
  @ApiZodResponse(InventoryRpc.devicesList.response)
  list(
    @CurrentCaller() caller: Caller,
    @Query(new ZodValidationPipe(deviceListQuerySchema)) q: z.output<typeof deviceListQuerySchema>,
  ) {
    return this.services.call(InventoryRpc.devicesList, splitDeviceQuery(q), caller);
  }

  /** Counts per site, type and status for dashboards (same filters as the list). */
  @Get('counts')
  @RequirePermission('devices:read')
  @ApiZodQuery(deviceCountsQuerySchema)
  @ApiZodResponse(InventoryRpc.devicesCounts.response)
  counts(
    @CurrentCaller() caller: Caller,
    @Query(new ZodValidationPipe(deviceCountsQuerySchema)) filter: z.output<typeof deviceCountsQuerySchema>,
  ) {
    return this.services.call(InventoryRpc.devicesCounts, { filter }, caller);
  }

  @Get(':id')
  @RequirePermission('devices:read')
  @ApiZodResponse(InventoryRpc.devicesGet.response)
  get(@CurrentCaller() caller: Caller, @Param('id', new ZodValidationPipe(idParamSchema)) id: string) {
    return this.services.call(InventoryRpc.devicesGet, { id }, caller);
  }

  /** Creates a device; the heartbeat token is returned this once. */
  @Post()
  @RequirePermission('devices:write')
  @ApiZodBody(deviceCreateSchema)
  @ApiZodResponse(InventoryRpc.devicesCreate.response, { status: 201 })
  create(
    @CurrentCaller() caller: Caller,
    @Body(new ZodValidationPipe(deviceCreateSchema)) device: z.output<typeof deviceCreateSchema>,
  ) {
    return this.services.call(InventoryRpc.devicesCreate, { device }, caller);
  }

  @Patch(':id')
  @RequirePermission('devices:write')
  @ApiZodBody(deviceUpdateSchema)
  @ApiZodResponse(InventoryRpc.devicesUpdate.response)
  update(
    @CurrentCaller() caller: Caller,
    @Param('id', new ZodValidationPipe(idParamSchema)) id: string,
    @Body(new ZodValidationPipe(deviceUpdateSchema)) patch: z.output<typeof deviceUpdateSchema>,
  ) {
    return this.services.call(InventoryRpc.devicesUpdate, { id, patch }, caller);
  }

  /** Keeps the device's history; health stops expecting it. */
  @Post(':id/decommission')
  @HttpCode(200)
  @RequirePermission('devices:write')
  @ApiZodBody(decommissionBodySchema)
  @ApiZodResponse(InventoryRpc.devicesDecommission.response)
  decommission(
    @CurrentCaller() caller: Caller,
    @Param('id', new ZodValidationPipe(idParamSchema)) id: string,
    @Body(new ZodValidationPipe(decommissionBodySchema)) body: z.output<typeof decommissionBodySchema>,
  ) {
    return this.services.call(InventoryRpc.devicesDecommission, { id, ...body }, caller);
  }

  /** A new heartbeat token (returned once); the previous one stops working. */
  @Post(':id/rotate-token')
  @HttpCode(200)
  @RequirePermission('devices:write')
  @ApiZodResponse(InventoryRpc.devicesRotateToken.response)
  rotateToken(@CurrentCaller() caller: Caller, @Param('id', new ZodValidationPipe(idParamSchema)) id: string) {
    return this.services.call(InventoryRpc.devicesRotateToken, { id }, caller);
  }
}
