import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { InventoryRpc, siteCreateSchema, siteUpdateSchema, type Caller } from '@fleetward/contracts';
import type { z } from 'zod';
import { CurrentCaller } from '../auth/current-caller.decorator.js';
import { RequirePermission } from '../auth/require-permission.decorator.js';
import { ZodValidationPipe } from '../http/zod-validation.pipe.js';
import { ApiZodBody, ApiZodQuery, ApiZodResponse } from '../openapi/api-zod.decorators.js';
import { ServiceClient } from '../rpc/service-client.js';
import { idParamSchema, moveBodySchema, siteListQuerySchema } from './inventory-http.schemas.js';

/** The site tree (region > site > building > floor). */
@ApiTags('Sites')
@Controller('api/v1/sites')
export class SitesController {
  constructor(private readonly services: ServiceClient) {}

  @Get()
  @RequirePermission('sites:read')
  @ApiZodQuery(siteListQuerySchema)
  @ApiZodResponse(InventoryRpc.sitesList.response)
  list(
    @CurrentCaller() caller: Caller,
    @Query(new ZodValidationPipe(siteListQuerySchema)) q: z.output<typeof siteListQuerySchema>,
  ) {
    return this.services.call(InventoryRpc.sitesList, q, caller);
  }

  @Get(':id')
  @RequirePermission('sites:read')
  @ApiZodResponse(InventoryRpc.sitesGet.response)
  get(@CurrentCaller() caller: Caller, @Param('id', new ZodValidationPipe(idParamSchema)) id: string) {
    return this.services.call(InventoryRpc.sitesGet, { id }, caller);
  }

  @Post()
  @RequirePermission('sites:write')
  @ApiZodBody(siteCreateSchema)
  @ApiZodResponse(InventoryRpc.sitesCreate.response, { status: 201 })
  create(
    @CurrentCaller() caller: Caller,
    @Body(new ZodValidationPipe(siteCreateSchema)) site: z.output<typeof siteCreateSchema>,
  ) {
    return this.services.call(InventoryRpc.sitesCreate, { site }, caller);
  }

  @Patch(':id')
  @RequirePermission('sites:write')
  @ApiZodBody(siteUpdateSchema)
  @ApiZodResponse(InventoryRpc.sitesUpdate.response)
  update(
    @CurrentCaller() caller: Caller,
    @Param('id', new ZodValidationPipe(idParamSchema)) id: string,
    @Body(new ZodValidationPipe(siteUpdateSchema)) patch: z.output<typeof siteUpdateSchema>,
  ) {
    return this.services.call(InventoryRpc.sitesUpdate, { id, patch }, caller);
  }

  /** Moves the site with its whole subtree under `parentId` (null: to the root). */
  @Post(':id/move')
  @HttpCode(200)
  @RequirePermission('sites:write')
  @ApiZodBody(moveBodySchema)
  @ApiZodResponse(InventoryRpc.sitesMove.response)
  move(
    @CurrentCaller() caller: Caller,
    @Param('id', new ZodValidationPipe(idParamSchema)) id: string,
    @Body(new ZodValidationPipe(moveBodySchema)) body: z.output<typeof moveBodySchema>,
  ) {
    return this.services.call(InventoryRpc.sitesMove, { id, parentId: body.parentId }, caller);
  }

  /** 409 SITE_HAS_DEVICES / SITE_HAS_CHILDREN while the site is still in use. */
  @Delete(':id')
  @RequirePermission('sites:write')
  @ApiZodResponse(InventoryRpc.sitesDelete.response)
  remove(@CurrentCaller() caller: Caller, @Param('id', new ZodValidationPipe(idParamSchema)) id: string) {
    return this.services.call(InventoryRpc.sitesDelete, { id }, caller);
  }
}
