import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { LifecycleRpc, planMoveSchema, replacementPolicyInputSchema, type Caller } from '@fleetward/contracts';
import type { z } from 'zod';
import { CurrentCaller } from '../auth/current-caller.decorator.js';
import { RequirePermission } from '../auth/require-permission.decorator.js';
import { IdPipe } from '../http/id.pipe.js';
import { ZodValidationPipe } from '../http/zod-validation.pipe.js';
import { ApiZodBody, ApiZodQuery, ApiZodResponse } from '../openapi/api-zod.decorators.js';
import { TenantTargets } from '../inventory/tenant-targets.js';
import { ServiceClient } from '../rpc/service-client.js';
import { forecastQuery, markFailedBody, modelCostsBody, planQuery } from './lifecycle-http.schemas.js';

/** Replacement policies, the replacement plan and its decisions, the budget forecast, failure marks. */
@ApiTags('Replacement')
@Controller('api/v1')
export class PlanController {
  constructor(
    private readonly services: ServiceClient,
    private readonly targets: TenantTargets,
  ) {}

  @Get('replacement-policies')
  @RequirePermission('policies:read')
  @ApiZodResponse(LifecycleRpc.policiesList.response)
  policies(@CurrentCaller() caller: Caller) {
    return this.services.call(LifecycleRpc.policiesList, {}, caller);
  }

  @Put('replacement-policies')
  @RequirePermission('policies:write')
  @ApiZodBody(replacementPolicyInputSchema, 'Sets the policy of a scope (organisation, site subtree, device type)')
  @ApiZodResponse(LifecycleRpc.policiesPut.response)
  async putPolicy(
    @CurrentCaller() caller: Caller,
    @Body(new ZodValidationPipe(replacementPolicyInputSchema)) policy: z.output<typeof replacementPolicyInputSchema>,
  ) {
    if (policy.siteId !== null) await this.targets.requireSites(caller, [policy.siteId], 'siteId');
    return this.services.call(LifecycleRpc.policiesPut, { policy }, caller);
  }

  @Delete('replacement-policies/:id')
  @HttpCode(204)
  @RequirePermission('policies:write')
  async deletePolicy(@CurrentCaller() caller: Caller, @Param('id', new ParseUUIDPipe()) id: string): Promise<void> {
    await this.services.call(LifecycleRpc.policiesDelete, { id }, caller);
  }

  @Get('model-costs')
  @RequirePermission('policies:read')
  @ApiZodResponse(LifecycleRpc.modelCostsList.response)
  modelCosts(@CurrentCaller() caller: Caller) {
    return this.services.call(LifecycleRpc.modelCostsList, {}, caller);
  }

  @Put('model-costs')
  @RequirePermission('policies:write')
  @ApiZodBody(modelCostsBody, "Default replacement cost per model, used when a device's own cost is unknown")
  @ApiZodResponse(LifecycleRpc.modelCostsSet.response)
  setModelCosts(
    @CurrentCaller() caller: Caller,
    @Body(new ZodValidationPipe(modelCostsBody)) body: z.output<typeof modelCostsBody>,
  ) {
    return this.services.call(LifecycleRpc.modelCostsSet, body, caller);
  }

  @Get('replacement-plan')
  @RequirePermission('plan:read')
  @ApiZodQuery(planQuery)
  @ApiZodResponse(LifecycleRpc.planList.response)
  plan(@CurrentCaller() caller: Caller, @Query(new ZodValidationPipe(planQuery)) q: z.output<typeof planQuery>) {
    return this.services.call(LifecycleRpc.planList, q, caller);
  }

  @Get('replacement-plan/:id')
  @RequirePermission('plan:read')
  @ApiZodResponse(LifecycleRpc.planGet.response)
  item(@CurrentCaller() caller: Caller, @Param('id', new ParseUUIDPipe()) id: string) {
    return this.services.call(LifecycleRpc.planGet, { id }, caller);
  }

  @Post('replacement-plan/:id/transitions')
  @HttpCode(200)
  @RequirePermission('plan:write')
  @ApiZodBody(
    planMoveSchema,
    'proposed -> approved -> ordered -> replaced (with the new device), deferred (with a reason), dismissed',
  )
  @ApiZodResponse(LifecycleRpc.planMove.response)
  move(
    @CurrentCaller() caller: Caller,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body(new ZodValidationPipe(planMoveSchema)) move: z.output<typeof planMoveSchema>,
  ) {
    return this.services.call(LifecycleRpc.planMove, { id, move }, caller);
  }

  @Get('replacement-forecast')
  @RequirePermission('forecast:read')
  @ApiZodQuery(forecastQuery)
  @ApiZodResponse(LifecycleRpc.forecast.response)
  forecast(
    @CurrentCaller() caller: Caller,
    @Query(new ZodValidationPipe(forecastQuery)) q: z.output<typeof forecastQuery>,
  ) {
    return this.services.call(LifecycleRpc.forecast, q, caller);
  }

  @Put('devices/:id/failure')
  @RequirePermission('devices:write')
  @ApiZodBody(markFailedBody, 'Marks a device failed (run-to-failure) or clears the mark')
  @ApiZodResponse(LifecycleRpc.devicesMarkFailed.response)
  markFailed(
    @CurrentCaller() caller: Caller,
    @Param('id', IdPipe) deviceId: string,
    @Body(new ZodValidationPipe(markFailedBody)) body: z.output<typeof markFailedBody>,
  ) {
    return this.services.call(LifecycleRpc.devicesMarkFailed, { deviceId, failed: body.failed }, caller);
  }

  @Post('replacement-plan/evaluations')
  @HttpCode(200)
  @RequirePermission('plan:write')
  @ApiZodResponse(LifecycleRpc.evaluate.response)
  evaluate(@CurrentCaller() caller: Caller) {
    return this.services.call(LifecycleRpc.evaluate, {}, caller);
  }
}
