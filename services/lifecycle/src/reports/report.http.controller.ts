import { BadRequestException, Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { forecastDimensionSchema } from '@fleetward/contracts';
import { CallerVerifier, verifyHttpCaller } from '@fleetward/platform';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { READERS, requireRole } from '../lifecycle.exception.js';
import { ReportService } from './report.service.js';

const forecastQuery = z.object({
  years: z.coerce.number().int().min(1).max(10).default(5),
  groupBy: z
    .string()
    .default('site,type,reason')
    .transform((s) => s.split(',').filter(Boolean))
    .pipe(z.array(forecastDimensionSchema)),
});

/** CSV reports, streamed: the plan, the forecast, and firmware compliance per site (callers verified first). */
@Controller('internal/reports')
export class ReportHttpController {
  constructor(
    private readonly reports: ReportService,
    private readonly callers: CallerVerifier,
  ) {}

  @Get(':report.csv')
  async report(
    @Req() req: Request,
    @Param('report') report: string,
    @Query() query: unknown,
    @Res() res: Response,
  ): Promise<void> {
    const caller = await verifyHttpCaller(this.callers, req);
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
