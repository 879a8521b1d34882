import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import type { Readable, Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ORG_SETTING, withOrg } from '@fleetward/platform';
import type { ImportJob } from '@fleetward/contracts';
import { parse } from 'csv-parse';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { DataSource, EntityManager } from 'typeorm';
import { InventoryErrors } from '../common/inventory-errors.js';
import { DeviceEventsService } from '../devices/device-events.service.js';
import { OrgSettingsRepository } from '../organisations/org-settings.repository.js';
import { mapHeader, type CsvColumn } from './csv-columns.js';
import { ImportJobRepository, type JobCounts } from './import-job.repository.js';
import { ImportStageRepository } from './import-stage.repository.js';
import { PhaseTimer } from './phase-timer.js';
import { RowSink } from './row-sink.js';

export interface ImportRequest {
  orgId: string;
  actor: string;
  fileName: string | null;
  /** Chosen by the client so it can poll from the first byte; random otherwise. */
  jobId?: string;
  body: Readable;
}

/**
 * CSV import: the upload is parsed as it streams in, each row validated; good rows are COPYed into a temp staging
 * table, bad ones recorded with their row number. Then, in the same transaction, set-based SQL upserts on
 * (vendor, serial) and the device events go to the outbox. Progress is committed separately so a client can poll it.
 */
@Injectable()
export class ImportService {
  private readonly logger = new Logger(ImportService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jobs: ImportJobRepository,
    private readonly stage: ImportStageRepository,
    private readonly settings: OrgSettingsRepository,
    private readonly events: DeviceEventsService,
  ) {}

  async run(req: ImportRequest): Promise<ImportJob> {
    const jobId = req.jobId ?? randomUUID();
    await withOrg(this.dataSource, req.orgId, (m) => this.jobs.create(m, req.orgId, jobId, req.fileName, req.actor));
    const progress = (c: Partial<JobCounts>) =>
      withOrg(this.dataSource, req.orgId, (m) => this.jobs.progress(m, req.orgId, jobId, c));
    const errors = (e: { row: number; reason: string; raw: string | null }[]) =>
      withOrg(this.dataSource, req.orgId, (m) => this.jobs.addErrors(m, req.orgId, jobId, e));
    try {
      const counts = await this.load(req, progress, errors);
      await progress(counts);
      return await withOrg(this.dataSource, req.orgId, (m) => this.jobs.finish(m, req.orgId, jobId, 'done', null));
    } catch (err) {
      req.body.resume();
      const message = err instanceof Error ? err.message : String(err);
      this.logger.warn(`import ${jobId} failed: ${message}`);
      return withOrg(this.dataSource, req.orgId, (m) => this.jobs.finish(m, req.orgId, jobId, 'failed', message));
    }
  }

  get(orgId: string, id: string): Promise<ImportJob> {
    return withOrg(this.dataSource, orgId, async (m) => {
      const job = /^[0-9a-f-]{36}$/i.test(id) ? await this.jobs.find(m, orgId, id) : undefined;
      if (!job) throw InventoryErrors.importNotFound(id);
      return job;
    });
  }

  private async load(
    req: ImportRequest,
    progress: (c: Partial<JobCounts>) => Promise<void>,
    errors: (e: { row: number; reason: string; raw: string | null }[]) => Promise<void>,
  ): Promise<JobCounts> {
    const qr = this.dataSource.createQueryRunner();
    await qr.connect();
    try {
      await qr.startTransaction();
      const m = qr.manager;
      await m.query('SELECT set_config($1, $2, true)', [ORG_SETTING, req.orgId]);
      // The import's statements cost enough to be JIT-compiled, which took ~1 s each and won nothing back here.
      await m.query('SET LOCAL jit = off');
      await this.stage.create(m);
      const client = (qr as unknown as { databaseConnection: pg.PoolClient }).databaseConnection;
      const t = new PhaseTimer();
      const { sink, present } = await this.copyRows(req.body, client, progress, errors);
      t.mark('parse+copy');
      const rejectedLate = await this.stage.resolve(m, req.orgId);
      await errors(rejectedLate);
      const settings = await this.settings.getOrCreate(m, req.orgId);
      t.mark('resolve');
      const pairs = await this.stage.applyUpdates(m, req.orgId, present);
      t.mark('update');
      const updated = await this.events.updated(m, settings, pairs);
      t.mark('update-events');
      const inserted = await this.events.insertRegistered(m, settings, req.orgId, this.stage.insertSql());
      t.mark('insert+events');
      await qr.commitTransaction();
      t.mark('commit');
      this.logger.log(`import of ${sink.total} rows: ${t.summary()}`);
      const rowsRejected = sink.rejected + rejectedLate.length;
      return {
        rowsTotal: sink.total,
        rowsRejected,
        rowsInserted: inserted,
        rowsUpdated: updated,
        rowsUnchanged: sink.total - rowsRejected - inserted - updated,
      };
    } catch (err) {
      if (qr.isTransactionActive) await qr.rollbackTransaction();
      throw err;
    } finally {
      await qr.release();
    }
  }

  private async copyRows(
    body: Readable,
    client: pg.PoolClient,
    progress: (c: Partial<JobCounts>) => Promise<void>,
    errors: (e: { row: number; reason: string; raw: string | null }[]) => Promise<void>,
  ): Promise<{ sink: RowSink; present: CsvColumn[] }> {
    const parser = body.pipe(parse({ bom: true, skip_empty_lines: true, relax_column_count: true, trim: false }));
    body.on('error', (err) => parser.destroy(err));
    let sink: RowSink | undefined;
    let copy: Writable | undefined;
    try {
      for await (const record of parser as AsyncIterable<string[]>) {
        if (!sink) {
          const header = mapHeader(record);
          if (header.missing.length)
            throw new Error(`the header lacks required column(s): ${header.missing.join(', ')}`);
          sink = new RowSink(header.columns, progress, errors);
          copy = client.query(copyFrom(this.stage.copySql()));
          continue;
        }
        const line = sink.accept(record);
        if (line !== null && !copy!.write(line)) await once(copy!, 'drain');
        if (sink.flushDue) await sink.flush();
      }
      if (!sink || !copy) throw new Error('the file is empty');
      copy.end();
      await finished(copy);
    } catch (err) {
      // A COPY left open would hold the connection: abort it (CopyFail) before the transaction rolls back.
      if (copy && !copy.writableFinished) {
        copy.destroy(err as Error);
        await finished(copy).catch(() => undefined);
      }
      throw err;
    }
    await sink.flush();
    return { sink, present: sink.presentColumns() };
  }

  /** For the HTTP edge: an org transaction to read a job's errors in. */
  inOrg<T>(orgId: string, fn: (m: EntityManager) => Promise<T>): Promise<T> {
    return withOrg(this.dataSource, orgId, fn);
  }
}
