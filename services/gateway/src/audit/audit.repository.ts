import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AuditEntry, AuditQuery } from '@fleetward/contracts';
import { decodeCursor, pageFrom, withOrg } from '@fleetward/platform';

export interface NewAuditEntry {
  orgId: string;
  actor: string;
  role: string | null;
  action: string;
  target: string | null;
  result: AuditEntry['result'];
  status: number;
  code: string | null;
  correlationId: string;
  sourceIp: string | null;
  details?: Record<string, unknown>;
}

interface AuditRow {
  id: string;
  at: Date;
  org_id: string;
  actor: string;
  role: string | null;
  action: string;
  target: string | null;
  result: AuditEntry['result'];
  status: number;
  code: string | null;
  correlation_id: string;
  source_ip: string | null;
}

function toEntry(r: AuditRow): AuditEntry {
  return {
    id: String(r.id),
    at: r.at.toISOString(),
    orgId: r.org_id,
    actor: r.actor,
    role: r.role,
    action: r.action,
    target: r.target,
    result: r.result,
    status: r.status,
    code: r.code,
    correlationId: r.correlation_id,
    sourceIp: r.source_ip,
  };
}

/**
 * Postgres text and jsonb cannot hold U+0000, which a refused request may carry in its path: an audit row must still
 * be written, so NUL is stored as the visible `\0` in every text column and in the details.
 */
function printable(e: NewAuditEntry): NewAuditEntry {
  const clean = <T extends string | null>(s: T): T => (s === null ? s : (s.replaceAll('\u0000', '\\0') as T));
  const details =
    e.details &&
    (JSON.parse(JSON.stringify(e.details), (_k, v: unknown) =>
      typeof v === 'string' ? clean(v) : v,
    ) as typeof e.details);
  return {
    ...e,
    actor: clean(e.actor),
    action: clean(e.action),
    target: clean(e.target),
    code: clean(e.code),
    details,
  };
}

/** Append-only: this class inserts and reads; the app role could not update or delete rows anyway. */
@Injectable()
export class AuditRepository {
  constructor(private readonly dataSource: DataSource) {}

  insert(entry: NewAuditEntry): Promise<void> {
    const e = printable(entry);
    return withOrg(this.dataSource, e.orgId, async (m) => {
      await m.query(
        `INSERT INTO audit_log (org_id, actor, role, action, target, result, status, code, correlation_id, source_ip, details)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
        [
          e.orgId,
          e.actor,
          e.role,
          e.action,
          e.target,
          e.result,
          e.status,
          e.code,
          e.correlationId,
          e.sourceIp,
          e.details ?? null,
        ],
      );
    });
  }

  list(orgId: string, q: AuditQuery) {
    const after = decodeCursor(q.cursor, 1);
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (after) add('id < ?', String(after[0]));
    if (q.actor) add('actor = ?', q.actor);
    if (q.action) add('action = ?', q.action);
    if (q.target) add('target = ?', q.target);
    if (q.result) add('result = ?', q.result);
    if (q.from) add('at >= ?', q.from);
    if (q.to) add('at < ?', q.to);
    params.push(q.limit + 1);
    const sql = `SELECT * FROM audit_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT $${params.length}`;
    return withOrg(this.dataSource, orgId, async (m) => {
      const rows: AuditRow[] = await m.query(sql, params);
      return pageFrom(rows, q.limit, toEntry, (r) => [String(r.id)]);
    });
  }
}
