import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { withOrg } from '@fleetward/platform';
import type { ImportJob, OrgSettings } from '@fleetward/contracts';
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

/** Good rows per transaction. */
export const IMPORT_CHUNK_ROWS = 25_000;
/** Chunks imported at once, each on its own connection (the device insert is one Postgres core's work per chunk). */
export const IMPORT_PARALLEL_CHUNKS = 2;

interface ChunkResult {
  inserted: number;
  updated: number;
  rejected: { row: number; reason: string; raw: string | null }[];
  timer: PhaseTimer;
}

/**
 * CSV import: the upload is parsed as it streams in, each row validated; bad rows are recorded with their row number,
 * good ones gathered into chunks of `IMPORT_CHUNK_ROWS`. Each chunk is COPYed into a temp staging table and upserted
 * on (vendor, serial) with set-based SQL, its device events going to the outbox, in a transaction of its own; two
 * chunks run side by side while the file is still being parsed. Progress is committed separately so a client can
 * poll it, and grows chunk by chunk.
 *
 * A chunk lands whole or not at all, but the file does not: if an import fails half-way (the database goes away), the
 * chunks committed by then stay, the job says how many rows landed, and importing the same file again completes it
 * (rows match on vendor and serial and update in place). One transaction over a whole file of hundreds of thousands
 * of rows would run on one Postgres core and hold its locks and undo for the whole import.
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
      e.length ? withOrg(this.dataSource, req.orgId, (m) => this.jobs.addErrors(m, req.orgId, jobId, e)) : Promise.resolve();
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
    const settings = await withOrg(this.dataSource, req.orgId, (m) => this.settings.getOrCreate(m, req.orgId));
    const started = performance.now();
    const phases = new PhaseTimer();
    const landed = { inserted: 0, updated: 0, rejected: 0, chunks: 0 };
    const running = new Set<Promise<void>>();
    let failure: unknown = null;
    const launch = (sink: RowSink, lines: string) => {
      const done: Promise<void> = this.importChunk(req.orgId, settings, sink.presentColumns(), lines)
        .then(async (c) => {
          landed.inserted += c.inserted;
          landed.updated += c.updated;
          landed.rejected += c.rejected.length;
          landed.chunks += 1;
          phases.add(c.timer);
          await errors(c.rejected);
          await progress({ rowsInserted: landed.inserted, rowsUpdated: landed.updated });
        })
        .catch((err: unknown) => void (failure ??= err))
        .finally(() => running.delete(done));
      running.add(done);
    };

    let sink: RowSink | undefined;
    try {
      const parser = req.body.pipe(parse({ bom: true, skip_empty_lines: true, relax_column_count: true, trim: false }));
      req.body.on('error', (err) => parser.destroy(err));
      let lines = '';
      let count = 0;
      for await (const record of parser as AsyncIterable<string[]>) {
        if (failure) break;
        if (!sink) {
          const header = mapHeader(record);
          if (header.missing.length) throw new Error(`the header lacks required column(s): ${header.missing.join(', ')}`);
          sink = new RowSink(header.columns, progress, errors);
          continue;
        }
        const line = sink.accept(record);
        if (line !== null) {
          lines += line;
          if (++count === IMPORT_CHUNK_ROWS) {
            while (running.size >= IMPORT_PARALLEL_CHUNKS) await Promise.race(running);
            launch(sink, lines);
            lines = '';
            count = 0;
          }
        }
        if (sink.flushDue) await sink.flush();
      }
      if (!sink) throw new Error('the file is empty');
      if (count > 0 && !failure) launch(sink, lines);
    } catch (err) {
      failure ??= err;
    }
    while (running.size) await Promise.race(running);
    if (sink) await sink.flush();
    if (failure) {
      const message = failure instanceof Error ? failure.message : String(failure);
      if (landed.chunks === 0) throw new Error(message);
      await progress({ rowsInserted: landed.inserted, rowsUpdated: landed.updated });
      throw new Error(
        `${message} (${landed.inserted + landed.updated} rows had been imported by then; importing the file again ` +
          'completes it: rows match on vendor and serial and update in place)',
      );
    }
    this.logger.log(
      `import of ${sink!.total} rows in ${landed.chunks} chunk${landed.chunks === 1 ? '' : 's'}: ` +
        `${Math.round(performance.now() - started)} ms; ` +
        `summed over chunks: ${phases.summary()}`,
    );
    const rowsRejected = sink!.rejected + landed.rejected;
    return {
      rowsTotal: sink!.total,
      rowsRejected,
      rowsInserted: landed.inserted,
      rowsUpdated: landed.updated,
      rowsUnchanged: sink!.total - rowsRejected - landed.inserted - landed.updated,
    };
  }

  /** One chunk of good rows (COPY text lines), in a transaction of its own. */
  private importChunk(orgId: string, settings: OrgSettings, present: CsvColumn[], lines: string): Promise<ChunkResult> {
    return withOrg(this.dataSource, orgId, async (m) => {
      const t = new PhaseTimer();
      // The import's statements cost enough to be JIT-compiled, which took ~1 s each and won nothing back here.
      await m.query('SET LOCAL jit = off');
      await this.stage.create(m);
      const client = (m.queryRunner as unknown as { databaseConnection: pg.PoolClient }).databaseConnection;
      const copy = client.query(copyFrom(this.stage.copySql()));
      copy.end(lines);
      await finished(copy);
      t.mark('copy');
      const rejected = await this.stage.resolve(m, orgId);
      t.mark('resolve');
      const pairs = await this.stage.applyUpdates(m, orgId, present);
      t.mark('update');
      const updated = await this.events.updated(m, settings, pairs);
      t.mark('update-events');
      const inserted = await this.events.insertRegistered(m, settings, orgId, this.stage.insertSql());
      t.mark('insert+events');
      return { inserted, updated, rejected, timer: t };
    });
  }

  /** For the HTTP edge: an org transaction to read a job's errors in. */
  inOrg<T>(orgId: string, fn: (m: EntityManager) => Promise<T>): Promise<T> {
    return withOrg(this.dataSource, orgId, fn);
  }
}
