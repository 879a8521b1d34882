import { rowsOf } from '@fleetward/platform';
import { Injectable } from '@nestjs/common';
import type { ImportJob } from '@fleetward/contracts';
import type { EntityManager } from 'typeorm';
import { iso } from '../common/sql.js';

interface JobRow {
  id: string;
  status: ImportJob['status'];
  file_name: string | null;
  created_by: string;
  rows_total: number;
  rows_inserted: number;
  rows_updated: number;
  rows_unchanged: number;
  rows_rejected: number;
  error: string | null;
  created_at: Date;
  finished_at: Date | null;
}

const toJob = (r: JobRow): ImportJob => ({
  id: r.id,
  status: r.status,
  fileName: r.file_name,
  createdBy: r.created_by,
  rowsTotal: r.rows_total,
  rowsInserted: r.rows_inserted,
  rowsUpdated: r.rows_updated,
  rowsUnchanged: r.rows_unchanged,
  rowsRejected: r.rows_rejected,
  error: r.error,
  createdAt: iso(r.created_at),
  finishedAt: r.finished_at ? iso(r.finished_at) : null,
});

export interface JobCounts {
  rowsTotal: number;
  rowsInserted: number;
  rowsUpdated: number;
  rowsUnchanged: number;
  rowsRejected: number;
}

/** Import jobs and their rejected rows. Progress writes run in their own short transactions so pollers see them. */
@Injectable()
export class ImportJobRepository {
  async create(
    m: EntityManager,
    orgId: string,
    id: string,
    fileName: string | null,
    actor: string,
  ): Promise<ImportJob> {
    const rows: JobRow[] = await m.query(
      `INSERT INTO import_job (id, org_id, status, file_name, created_by) VALUES ($1, $2, 'running', $3, $4) RETURNING *`,
      [id, orgId, fileName, actor],
    );
    return toJob(rows[0]!);
  }

  async progress(m: EntityManager, orgId: string, id: string, c: Partial<JobCounts>): Promise<void> {
    await m.query(
      `UPDATE import_job SET rows_total = coalesce($3, rows_total), rows_rejected = coalesce($4, rows_rejected),
         rows_inserted = coalesce($5, rows_inserted), rows_updated = coalesce($6, rows_updated),
         rows_unchanged = coalesce($7, rows_unchanged), updated_at = now() WHERE org_id = $1 AND id = $2`,
      [
        orgId,
        id,
        c.rowsTotal ?? null,
        c.rowsRejected ?? null,
        c.rowsInserted ?? null,
        c.rowsUpdated ?? null,
        c.rowsUnchanged ?? null,
      ],
    );
  }

  async finish(
    m: EntityManager,
    orgId: string,
    id: string,
    status: 'done' | 'failed',
    error: string | null,
  ): Promise<ImportJob> {
    const rows = rowsOf<JobRow>(
      await m.query(
        `UPDATE import_job SET status = $3, error = $4, finished_at = now(), updated_at = now()
         WHERE org_id = $1 AND id = $2 RETURNING *`,
        [orgId, id, status, error],
      ),
    );
    return toJob(rows[0]!);
  }

  async find(m: EntityManager, orgId: string, id: string): Promise<ImportJob | undefined> {
    const rows: JobRow[] = await m.query(`SELECT * FROM import_job WHERE org_id = $1 AND id = $2::uuid`, [orgId, id]);
    return rows[0] && toJob(rows[0]);
  }

  async list(
    m: EntityManager,
    orgId: string,
    limit: number,
    before?: { at: string; id: string },
  ): Promise<(ImportJob & { key: string })[]> {
    const rows: (JobRow & { key: string })[] = await m.query(
      `SELECT *, created_at::text AS key FROM import_job WHERE org_id = $1
         AND ($2::timestamptz IS NULL OR (created_at, id) < ($2::timestamptz, $3::uuid))
       ORDER BY created_at DESC, id DESC LIMIT $4`,
      [orgId, before?.at ?? null, before?.id ?? null, limit],
    );
    return rows.map((r) => ({ ...toJob(r), key: r.key }));
  }

  async addErrors(
    m: EntityManager,
    orgId: string,
    jobId: string,
    errors: { row: number; reason: string; raw: string | null }[],
  ): Promise<void> {
    if (!errors.length) return;
    await m.query(
      `INSERT INTO import_row_error (job_id, org_id, row_number, reason, raw)
       SELECT $1, $2, e.row, e.reason, e.raw FROM jsonb_to_recordset($3::jsonb) AS e(row int, reason text, raw text)
       ON CONFLICT DO NOTHING`,
      [jobId, orgId, JSON.stringify(errors)],
    );
  }

  async errors(
    m: EntityManager,
    orgId: string,
    jobId: string,
    limit: number,
    afterRow: number,
  ): Promise<{ row: number; reason: string; raw: string | null }[]> {
    return m.query(
      `SELECT row_number AS row, reason, raw FROM import_row_error WHERE org_id = $1 AND job_id = $2::uuid AND row_number > $3
       ORDER BY row_number LIMIT $4`,
      [orgId, jobId, afterRow, limit],
    );
  }
}
