import { Controller, UseFilters, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { ImportJob } from '@fleetward/contracts';
import type { Request, Response } from 'express';
import { CallerVerifier, csvStringifier, verifyHttpCaller } from '@fleetward/platform';
import { z } from 'zod';
import { DomainErrorHttpFilter } from '../http/domain-error.filter.js';
import { ImportJobRepository } from './import-job.repository.js';
import { ImportService } from './import.service.js';

const uploadQuery = z.object({ jobId: z.uuid().optional(), fileName: z.string().max(200).optional() });

/**
 * Streamed import over the inventory's internal HTTP port: the gateway pipes the client's upload here (a NATS message
 * is limited to 1 MB). The body is never buffered whole. Every route first verifies the gateway's caller assertion.
 */
@UseFilters(DomainErrorHttpFilter)
@Controller('internal/imports')
export class ImportHttpController {
  constructor(
    private readonly imports: ImportService,
    private readonly jobs: ImportJobRepository,
    private readonly callers: CallerVerifier,
  ) {}

  /** Runs the import to completion and answers with the job; poll `imports.get` with `jobId` meanwhile. */
  @Post()
  @HttpCode(200)
  async upload(@Req() req: Request, @Query() query: unknown): Promise<ImportJob> {
    const caller = await verifyHttpCaller(this.callers, req);
    const q = uploadQuery.parse(query);
    return this.imports.run({
      orgId: caller.orgId,
      actor: caller.actor,
      fileName: q.fileName ?? null,
      jobId: q.jobId,
      body: req,
    });
  }

  /** The rejected rows as CSV (row, reason, raw values), streamed page by page. */
  @Get(':id/errors.csv')
  async errors(@Req() req: Request, @Param('id') id: string, @Res() res: Response): Promise<void> {
    const caller = await verifyHttpCaller(this.callers, req);
    await this.imports.get(caller.orgId, id);
    res.setHeader('content-type', 'text/csv; charset=utf-8');
    res.setHeader('content-disposition', `attachment; filename="import-${id}-errors.csv"`);
    const csv = csvStringifier({ header: true, columns: ['row', 'reason', 'raw'] });
    csv.pipe(res);
    let after = 0;
    for (;;) {
      const page = await this.imports.inOrg(caller.orgId, (m) => this.jobs.errors(m, caller.orgId, id, 1000, after));
      for (const e of page) if (!csv.write(e)) await new Promise((r) => csv.once('drain', r));
      if (page.length < 1000) break;
      after = page[page.length - 1]!.row;
    }
    csv.end();
  }
}
