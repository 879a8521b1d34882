import { Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { InventoryRpc, type Caller } from '@fleetward/contracts';
import type { Request, Response } from 'express';
import type { z } from 'zod';
import { CurrentCaller } from '../auth/current-caller.decorator.js';
import { RequirePermission } from '../auth/require-permission.decorator.js';
import { ZodValidationPipe } from '../http/zod-validation.pipe.js';
import { ApiZodQuery, ApiZodResponse } from '../openapi/api-zod.decorators.js';
import { ServiceClient } from '../rpc/service-client.js';
import { ServiceProxy } from '../http/service-proxy.js';
import { exportQuerySchema, idParamSchema, importQuerySchema, pageQuerySchema } from './inventory-http.schemas.js';

/** Bulk CSV import (streamed to the inventory), its progress and rejected rows, and device exports. */
@ApiTags('Devices')
@Controller('api/v1/devices')
export class ImportsController {
  constructor(
    private readonly services: ServiceClient,
    private readonly proxy: ServiceProxy,
  ) {}

  /**
   * Body: the CSV file (`text/csv`). Pass `jobId` (a uuid) to poll `GET imports/{jobId}` while it runs. Rows land in
   * chunks of 25,000, each in a transaction of its own: a failed import keeps the chunks that landed (its counts say
   * how many rows) and importing the same file again completes it.
   */
  @Post('imports')
  @RequirePermission('devices:import')
  @ApiZodQuery(importQuerySchema)
  @ApiZodResponse(InventoryRpc.importsGet.response)
  upload(
    @CurrentCaller() caller: Caller,
    @Query(new ZodValidationPipe(importQuerySchema)) q: z.output<typeof importQuerySchema>,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    return this.proxy.forward('inventory', req, res, caller, '/internal/imports', q);
  }

  @Get('imports')
  @RequirePermission('devices:import')
  @ApiZodQuery(pageQuerySchema)
  @ApiZodResponse(InventoryRpc.importsList.response)
  list(
    @CurrentCaller() caller: Caller,
    @Query(new ZodValidationPipe(pageQuerySchema)) q: z.output<typeof pageQuerySchema>,
  ) {
    return this.services.call(InventoryRpc.importsList, q, caller);
  }

  @Get('imports/:id')
  @RequirePermission('devices:import')
  @ApiZodResponse(InventoryRpc.importsGet.response)
  get(@CurrentCaller() caller: Caller, @Param('id', new ZodValidationPipe(idParamSchema)) id: string) {
    return this.services.call(InventoryRpc.importsGet, { id }, caller);
  }

  @Get('imports/:id/errors')
  @RequirePermission('devices:import')
  @ApiZodQuery(pageQuerySchema)
  @ApiZodResponse(InventoryRpc.importsErrors.response)
  errors(
    @CurrentCaller() caller: Caller,
    @Param('id', new ZodValidationPipe(idParamSchema)) id: string,
    @Query(new ZodValidationPipe(pageQuerySchema)) q: z.output<typeof pageQuerySchema>,
  ) {
    return this.services.call(InventoryRpc.importsErrors, { id, ...q }, caller);
  }

  /** The rejected rows as a CSV download. */
  @Get('imports/:id/errors.csv')
  @RequirePermission('devices:import')
  errorsCsv(
    @CurrentCaller() caller: Caller,
    @Param('id', new ZodValidationPipe(idParamSchema)) id: string,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    return this.proxy.forward('inventory', req, res, caller, `/internal/imports/${encodeURIComponent(id)}/errors.csv`, {});
  }

  /** Streams the filtered devices as CSV (the import's columns) or JSON. */
  @Get('export')
  @RequirePermission('devices:export')
  @ApiZodQuery(exportQuerySchema)
  exportDevices(
    @CurrentCaller() caller: Caller,
    @Query(new ZodValidationPipe(exportQuerySchema)) _checked: z.output<typeof exportQuerySchema>,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    const query = Object.fromEntries(Object.entries(req.query).map(([k, v]) => [k, String(v)]));
    return this.proxy.forward('inventory', req, res, caller, '/internal/exports/devices', query);
  }
}
