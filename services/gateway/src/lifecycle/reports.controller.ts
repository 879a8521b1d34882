import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Caller } from '@fleetward/contracts';
import type { Request, Response } from 'express';
import type { z } from 'zod';
import { CurrentCaller } from '../auth/current-caller.decorator.js';
import { RequirePermission } from '../auth/require-permission.decorator.js';
import { ServiceProxy } from '../http/service-proxy.js';
import { ZodValidationPipe } from '../http/zod-validation.pipe.js';
import { ApiZodQuery } from '../openapi/api-zod.decorators.js';
import { forecastReportQuery, noQuery } from './lifecycle-http.schemas.js';

const csv = (description: string) =>
  ApiResponse({ status: 200, description, content: { 'text/csv': { schema: { type: 'string' } } } });

/** CSV reports for the board deck, streamed from the lifecycle service's internal HTTP port (never one NATS message). */
@ApiTags('Reports')
@ApiProduces('text/csv', 'application/problem+json')
@Controller('api/v1/reports')
export class ReportsController {
  constructor(private readonly proxy: ServiceProxy) {}

  @Get('plan.csv')
  @RequirePermission('reports:read')
  @csv('The replacement plan, one row per item with its device, reason, due date, cost and state')
  plan(
    @CurrentCaller() caller: Caller,
    @Query(new ZodValidationPipe(noQuery)) _q: z.output<typeof noQuery>,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    return this.proxy.forward('lifecycle', req, res, caller, '/internal/reports/plan.csv', {});
  }

  @Get('compliance.csv')
  @RequirePermission('reports:read')
  @csv('Firmware compliance per site: devices per status, compliant %, the open CVEs')
  compliance(
    @CurrentCaller() caller: Caller,
    @Query(new ZodValidationPipe(noQuery)) _q: z.output<typeof noQuery>,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    return this.proxy.forward('lifecycle', req, res, caller, '/internal/reports/compliance.csv', {});
  }

  @Get('forecast.csv')
  @RequirePermission('reports:read')
  @ApiZodQuery(forecastReportQuery)
  @csv('The forecast per quarter under the organisation policy and each alternative, side by side')
  forecast(
    @CurrentCaller() caller: Caller,
    @Query(new ZodValidationPipe(forecastReportQuery)) q: z.output<typeof forecastReportQuery>,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    const query = { years: String(q.years), groupBy: q.groupBy.join(',') };
    return this.proxy.forward('lifecycle', req, res, caller, '/internal/reports/forecast.csv', query);
  }
}
