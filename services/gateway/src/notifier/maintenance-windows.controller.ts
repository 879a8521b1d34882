import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { maintenanceWindowCreateSchema, NotifierRpc, type Caller } from '@fleetward/contracts';
import type { z } from 'zod';
import { CurrentCaller } from '../auth/current-caller.decorator.js';
import { RequirePermission } from '../auth/require-permission.decorator.js';
import { ZodValidationPipe } from '../http/zod-validation.pipe.js';
import { ApiZodBody, ApiZodQuery, ApiZodResponse } from '../openapi/api-zod.decorators.js';
import { TenantTargets } from '../inventory/tenant-targets.js';
import { ServiceClient } from '../rpc/service-client.js';
import { maintenanceQuerySchema, type MaintenanceQuery } from './notifier-http.schemas.js';
import { UuidPipe } from './notifier-path.pipes.js';

/** Maintenance windows hold a site's or device's alerts; when one ends, a digest of what is still wrong goes out. */
@ApiTags('Maintenance windows')
@Controller('api/v1/maintenance-windows')
export class MaintenanceWindowsController {
  constructor(
    private readonly services: ServiceClient,
    private readonly targets: TenantTargets,
  ) {}

  @Post()
  @RequirePermission('maintenance:write')
  @ApiZodBody(maintenanceWindowCreateSchema)
  @ApiZodResponse(NotifierRpc.maintenanceCreate.response, { status: 201 })
  async create(
    @CurrentCaller() caller: Caller,
    @Body(new ZodValidationPipe(maintenanceWindowCreateSchema)) window: z.output<typeof maintenanceWindowCreateSchema>,
  ) {
    if (window.scope === 'site') await this.targets.requireSites(caller, [window.targetId], 'targetId');
    else await this.targets.requireDevice(caller, window.targetId, 'targetId');
    return this.services.call(NotifierRpc.maintenanceCreate, { window }, caller);
  }

  @Get()
  @RequirePermission('incidents:read')
  @ApiZodQuery(maintenanceQuerySchema)
  @ApiZodResponse(NotifierRpc.maintenanceList.response)
  list(@CurrentCaller() caller: Caller, @Query(new ZodValidationPipe(maintenanceQuerySchema)) query: MaintenanceQuery) {
    return this.services.call(NotifierRpc.maintenanceList, query, caller);
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermission('maintenance:write')
  async cancel(@CurrentCaller() caller: Caller, @Param('id', UuidPipe) id: string): Promise<void> {
    await this.services.call(NotifierRpc.maintenanceCancel, { id }, caller);
  }
}
