import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { NotifierRpc, pageRequestSchema, routingRuleInputSchema, type Caller } from '@fleetward/contracts';
import type { z } from 'zod';
import { CurrentCaller } from '../auth/current-caller.decorator.js';
import { RequirePermission } from '../auth/require-permission.decorator.js';
import { ZodValidationPipe } from '../http/zod-validation.pipe.js';
import { ApiZodBody, ApiZodQuery, ApiZodResponse } from '../openapi/api-zod.decorators.js';
import { TenantTargets } from '../inventory/tenant-targets.js';
import { ServiceClient } from '../rpc/service-client.js';
import { UuidPipe } from './notifier-path.pipes.js';

type RuleInput = z.output<typeof routingRuleInputSchema>;

/** Routing rules: which incidents go to which channels, with Alertmanager timing, quiet hours and escalation. */
@ApiTags('Alert rules')
@Controller('api/v1/alert-rules')
export class AlertRulesController {
  constructor(
    private readonly services: ServiceClient,
    private readonly targets: TenantTargets,
  ) {}

  @Get()
  @RequirePermission('alerting:read')
  @ApiZodQuery(pageRequestSchema)
  @ApiZodResponse(NotifierRpc.rulesList.response)
  list(
    @CurrentCaller() caller: Caller,
    @Query(new ZodValidationPipe(pageRequestSchema)) page: z.output<typeof pageRequestSchema>,
  ) {
    return this.services.call(NotifierRpc.rulesList, page, caller);
  }

  @Post()
  @RequirePermission('alerting:write')
  @ApiZodBody(routingRuleInputSchema)
  @ApiZodResponse(NotifierRpc.rulesCreate.response, { status: 201 })
  async create(@CurrentCaller() caller: Caller, @Body(new ZodValidationPipe(routingRuleInputSchema)) rule: RuleInput) {
    await this.targets.requireSites(caller, rule.match.siteIds, 'match.siteIds');
    return this.services.call(NotifierRpc.rulesCreate, { rule }, caller);
  }

  @Put(':id')
  @RequirePermission('alerting:write')
  @ApiZodBody(routingRuleInputSchema, 'The whole rule (replaces it)')
  @ApiZodResponse(NotifierRpc.rulesUpdate.response)
  async update(
    @CurrentCaller() caller: Caller,
    @Param('id', UuidPipe) id: string,
    @Body(new ZodValidationPipe(routingRuleInputSchema)) rule: RuleInput,
  ) {
    await this.targets.requireSites(caller, rule.match.siteIds, 'match.siteIds');
    return this.services.call(NotifierRpc.rulesUpdate, { id, rule }, caller);
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermission('alerting:write')
  async remove(@CurrentCaller() caller: Caller, @Param('id', UuidPipe) id: string): Promise<void> {
    await this.services.call(NotifierRpc.rulesDelete, { id }, caller);
  }
}
