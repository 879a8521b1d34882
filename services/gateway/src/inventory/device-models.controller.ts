import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  deviceModelCreateSchema,
  deviceModelUpdateSchema,
  InventoryRpc,
  orgSettingsPatchSchema,
  type Caller,
} from '@fleetward/contracts';
import type { z } from 'zod';
import { CurrentCaller } from '../auth/current-caller.decorator.js';
import { RequirePermission } from '../auth/require-permission.decorator.js';
import { ZodValidationPipe } from '../http/zod-validation.pipe.js';
import { ApiZodBody, ApiZodQuery, ApiZodResponse } from '../openapi/api-zod.decorators.js';
import { ServiceClient } from '../rpc/service-client.js';
import { idParamSchema, modelListQuerySchema } from './inventory-http.schemas.js';

/** Vendor models (warranty term, end-of-sale/support dates) and the organisation's inventory settings. */
@ApiTags('Devices')
@Controller('api/v1')
export class DeviceModelsController {
  constructor(private readonly services: ServiceClient) {}

  @Get('device-models')
  @RequirePermission('devices:read')
  @ApiZodQuery(modelListQuerySchema)
  @ApiZodResponse(InventoryRpc.modelsList.response)
  list(
    @CurrentCaller() caller: Caller,
    @Query(new ZodValidationPipe(modelListQuerySchema)) q: z.output<typeof modelListQuerySchema>,
  ) {
    return this.services.call(InventoryRpc.modelsList, q, caller);
  }

  @Get('device-models/:id')
  @RequirePermission('devices:read')
  @ApiZodResponse(InventoryRpc.modelsGet.response)
  get(@CurrentCaller() caller: Caller, @Param('id', new ZodValidationPipe(idParamSchema)) id: string) {
    return this.services.call(InventoryRpc.modelsGet, { id }, caller);
  }

  @Post('device-models')
  @RequirePermission('devices:write')
  @ApiZodBody(deviceModelCreateSchema)
  @ApiZodResponse(InventoryRpc.modelsCreate.response, { status: 201 })
  create(
    @CurrentCaller() caller: Caller,
    @Body(new ZodValidationPipe(deviceModelCreateSchema)) model: z.output<typeof deviceModelCreateSchema>,
  ) {
    return this.services.call(InventoryRpc.modelsCreate, { model }, caller);
  }

  @Patch('device-models/:id')
  @RequirePermission('devices:write')
  @ApiZodBody(deviceModelUpdateSchema)
  @ApiZodResponse(InventoryRpc.modelsUpdate.response)
  update(
    @CurrentCaller() caller: Caller,
    @Param('id', new ZodValidationPipe(idParamSchema)) id: string,
    @Body(new ZodValidationPipe(deviceModelUpdateSchema)) patch: z.output<typeof deviceModelUpdateSchema>,
  ) {
    return this.services.call(InventoryRpc.modelsUpdate, { id, patch }, caller);
  }

  @Get('inventory/settings')
  @RequirePermission('org:read')
  @ApiZodResponse(InventoryRpc.orgSettingsGet.response)
  settings(@CurrentCaller() caller: Caller) {
    return this.services.call(InventoryRpc.orgSettingsGet, {}, caller);
  }

  /** Time zone, heartbeat defaults per device type, warranty reminder lead days. */
  @Patch('inventory/settings')
  @RequirePermission('org:write')
  @ApiZodBody(orgSettingsPatchSchema)
  @ApiZodResponse(InventoryRpc.orgSettingsUpdate.response)
  updateSettings(
    @CurrentCaller() caller: Caller,
    @Body(new ZodValidationPipe(orgSettingsPatchSchema)) patch: z.output<typeof orgSettingsPatchSchema>,
  ) {
    return this.services.call(InventoryRpc.orgSettingsUpdate, { patch }, caller);
  }
}
