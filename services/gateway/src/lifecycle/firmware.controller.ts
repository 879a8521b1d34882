import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { LifecycleRpc, type Caller } from '@fleetward/contracts';
import type { z } from 'zod';
import { CurrentCaller } from '../auth/current-caller.decorator.js';
import { RequirePermission } from '../auth/require-permission.decorator.js';
import { IdPipe } from '../http/id.pipe.js';
import { ZodValidationPipe } from '../http/zod-validation.pipe.js';
import { ApiZodBody, ApiZodQuery, ApiZodResponse } from '../openapi/api-zod.decorators.js';
import { ServiceClient } from '../rpc/service-client.js';
import {
  baselineBody,
  complianceBreakdownQuery,
  complianceQuery,
  firmwareAddBody,
  firmwareImportBody,
  firmwareListQuery,
  modelSupportBody,
} from './lifecycle-http.schemas.js';

/** The firmware catalog (shared by every organisation), approved baselines and firmware compliance. */
@ApiTags('Firmware')
@Controller('api/v1')
export class FirmwareController {
  constructor(private readonly services: ServiceClient) {}

  @Get('firmware')
  @RequirePermission('firmware:read')
  @ApiZodQuery(firmwareListQuery)
  @ApiZodResponse(LifecycleRpc.firmwareList.response)
  list(
    @CurrentCaller() caller: Caller,
    @Query(new ZodValidationPipe(firmwareListQuery)) q: z.output<typeof firmwareListQuery>,
  ) {
    return this.services.call(LifecycleRpc.firmwareList, q, caller);
  }

  @Post('firmware')
  @RequirePermission('catalog:write')
  @ApiZodBody(firmwareAddBody)
  @ApiZodResponse(LifecycleRpc.firmwareAdd.response, { status: 201 })
  add(
    @CurrentCaller() caller: Caller,
    @Body(new ZodValidationPipe(firmwareAddBody)) release: z.output<typeof firmwareAddBody>,
  ) {
    return this.services.call(LifecycleRpc.firmwareAdd, { release }, caller);
  }

  @Post('firmware/imports')
  @RequirePermission('catalog:write')
  @ApiZodBody(firmwareImportBody, 'A vendor feed file (JSON or CSV) as text')
  @ApiZodResponse(LifecycleRpc.firmwareImport.response, { status: 201 })
  import(
    @CurrentCaller() caller: Caller,
    @Body(new ZodValidationPipe(firmwareImportBody)) body: z.output<typeof firmwareImportBody>,
  ) {
    return this.services.call(LifecycleRpc.firmwareImport, body, caller);
  }

  @Put('firmware/model-support')
  @RequirePermission('catalog:write')
  @ApiZodBody(modelSupportBody)
  @ApiZodResponse(LifecycleRpc.modelSupportSet.response)
  modelSupport(
    @CurrentCaller() caller: Caller,
    @Body(new ZodValidationPipe(modelSupportBody)) body: z.output<typeof modelSupportBody>,
  ) {
    return this.services.call(LifecycleRpc.modelSupportSet, body, caller);
  }

  @Get('firmware/baselines')
  @RequirePermission('compliance:read')
  @ApiZodResponse(LifecycleRpc.baselinesList.response)
  baselines(@CurrentCaller() caller: Caller) {
    return this.services.call(LifecycleRpc.baselinesList, {}, caller);
  }

  @Put('firmware/baselines')
  @RequirePermission('firmware:write')
  @ApiZodBody(baselineBody)
  @ApiZodResponse(LifecycleRpc.baselinesPut.response)
  putBaseline(
    @CurrentCaller() caller: Caller,
    @Body(new ZodValidationPipe(baselineBody)) baseline: z.output<typeof baselineBody>,
  ) {
    return this.services.call(LifecycleRpc.baselinesPut, { baseline }, caller);
  }

  @Delete('firmware/baselines/:vendor/:model')
  @HttpCode(204)
  @RequirePermission('firmware:write')
  async deleteBaseline(
    @CurrentCaller() caller: Caller,
    @Param('vendor') vendor: string,
    @Param('model') model: string,
  ): Promise<void> {
    await this.services.call(LifecycleRpc.baselinesDelete, { vendor, model }, caller);
  }

  @Get('compliance')
  @RequirePermission('compliance:read')
  @ApiZodQuery(complianceQuery)
  @ApiZodResponse(LifecycleRpc.complianceList.response)
  compliance(
    @CurrentCaller() caller: Caller,
    @Query(new ZodValidationPipe(complianceQuery)) q: z.output<typeof complianceQuery>,
  ) {
    return this.services.call(LifecycleRpc.complianceList, q, caller);
  }

  /** One device's compliance: status, releases behind, the CVEs of its firmware (404 until it has been evaluated). */
  @Get('devices/:id/compliance')
  @RequirePermission('compliance:read')
  @ApiZodResponse(LifecycleRpc.complianceGet.response)
  deviceCompliance(@CurrentCaller() caller: Caller, @Param('id', IdPipe) deviceId: string) {
    return this.services.call(LifecycleRpc.complianceGet, { deviceId }, caller);
  }

  @Get('compliance/summary')
  @RequirePermission('compliance:read')
  @ApiZodResponse(LifecycleRpc.complianceSummary.response)
  summary(@CurrentCaller() caller: Caller) {
    return this.services.call(LifecycleRpc.complianceSummary, {}, caller);
  }

  /** Compliance per site (`by=site`, the default) or per model (`by=model`). */
  @Get('compliance/breakdown')
  @RequirePermission('compliance:read')
  @ApiZodQuery(complianceBreakdownQuery)
  @ApiZodResponse(LifecycleRpc.complianceBreakdown.response)
  breakdown(
    @CurrentCaller() caller: Caller,
    @Query(new ZodValidationPipe(complianceBreakdownQuery)) q: z.output<typeof complianceBreakdownQuery>,
  ) {
    return this.services.call(LifecycleRpc.complianceBreakdown, q, caller);
  }
}
