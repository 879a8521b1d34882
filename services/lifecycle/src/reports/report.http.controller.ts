import { BadRequestException, Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { callerSchema, forecastDimensionSchema, type Caller } from '@fleetward/contracts';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { READERS, requireRole } from '../lifecycle.exception.js';
import { ReportService } from './report.service.js';

/** Header the gateway sets when it proxies a streamed request to this service's internal HTTP port. */
export const CALLER_HEADER = 'x-fleetward-caller';

const forecastQuery = z.object({
  years: z.coerce.number().int().min(1).max(10).default(5),
  groupBy: z
    .string()
    .default('site,type,reason')
    .transform((s) => s.split(',').filter(Boolean))
    .pipe(z.array(forecastDimensionSchema)),
});

function callerOf(req: Request): Caller {
  try {
    return callerSchema.parse(JSON.parse(req.header(CALLER_HEADER) ?? ''));
  } catch {
    throw new BadRequestException(`missing or invalid ${CALLER_HEADER} header`);
  }
}

/** CSV reports, streamed: the plan, the forecast, and firmware compliance per site. */
@Controller('internal/reports')
export class ReportHttpController {
  constructor(private readonly reports: ReportService) {}

  @Get(':report.csv')
  async report(
    @Req() req: Request,
    @Param('report') report: string,
    @Query() query: unknown,
    @Res() res: Response,
  ): Promise<void> {
    const caller = callerOf(req);
    requireRole(caller, READERS, 'read reports');
    if (!['plan', 'compliance', 'forecast'].includes(report)) throw new BadRequestException(`unknown report ${report}`);
    res.setHeader('content-type', 'text/csv; charset=utf-8');
    res.setHeader('content-disposition', `attachment; filename="${report}.csv"`);
    if (report === 'forecast') {
      const q = forecastQuery.parse(query);
      return this.reports.streamForecastCsv(caller.orgId, q.years, q.groupBy, res);
    }
    return this.reports.streamCsv(caller.orgId, report as 'plan' | 'compliance', res);
  }
}
