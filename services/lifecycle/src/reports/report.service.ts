import { Injectable, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { orgIdSchema } from '@fleetward/contracts';
import { ORG_SETTING, csvStringifier } from '@fleetward/platform';
import type pg from 'pg';
import copyStreams from 'pg-copy-streams';
import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { DataSource } from 'typeorm';
import { Clock, systemClock, withOrg } from '@fleetward/platform';
import { ForecastRepository } from '../forecast/forecast.repository.js';
import type { ForecastDimension } from '../forecast/forecast.sql.js';
import { PLAN_REPORT, complianceReportSql } from './report.sql.js';

export type CsvReport = 'plan' | 'compliance';

/**
 * CSV reports streamed straight from Postgres (`COPY (query) TO STDOUT`) inside an org-scoped transaction: row-level
 * security applies and no report is ever held in memory. The forecast is aggregated (quarters x groups) and written
 * row by row.
 */
@Injectable()
export class ReportService {
  private readonly forecasts = new ForecastRepository();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Optional() private readonly clock: Clock = systemClock,
  ) {}

  async streamCsv(orgId: string, report: CsvReport, out: Writable): Promise<void> {
    const org = `'${orgIdSchema.parse(orgId)}'`;
    const sql = report === 'plan' ? PLAN_REPORT.replaceAll('$org', org) : complianceReportSql(org);
    const runner = this.dataSource.createQueryRunner();
    const client = (await runner.connect()) as pg.PoolClient;
    try {
      await client.query('BEGIN READ ONLY');
      await client.query('SELECT set_config($1, $2, true)', [ORG_SETTING, orgId]);
      await pipeline(client.query(copyStreams.to(`COPY (${sql}) TO STDOUT WITH (FORMAT csv, HEADER true)`)), out);
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      await runner.release();
    }
  }

  async streamForecastCsv(
    orgId: string,
    years: number,
    dimensions: readonly ForecastDimension[],
    out: Writable,
  ): Promise<void> {
    const rows = await withOrg(this.dataSource, orgId, (m) =>
      this.forecasts.forecast(m, orgId, this.clock.now(), years, dimensions),
    );
    const csv = csvStringifier({
      header: true,
      columns: ['policy', 'quarterStart', 'siteId', 'deviceType', 'reason', 'devices', 'cost', 'expectedOfflineDays'],
    });
    const done = pipeline(csv, out);
    for (const r of rows) if (!csv.write(r)) await new Promise((resolve) => csv.once('drain', resolve));
    csv.end();
    await done;
  }
}
