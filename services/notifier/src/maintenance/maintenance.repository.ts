import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { rowsOf, type CursorPosition } from '@fleetward/platform';
import type { Recurrence, Schedule } from './maintenance-schedule.js';

export interface WindowRow {
  id: string;
  org_id: string;
  scope: 'site' | 'device';
  target_id: string;
  starts_at: Date;
  ends_at: Date | null;
  timezone: string;
  recurrence: Recurrence | null;
  reason: string | null;
  created_by: string;
  created_at: Date;
}

export const scheduleOf = (w: WindowRow): Schedule => ({
  startsAt: w.starts_at,
  endsAt: w.ends_at,
  timezone: w.timezone,
  recurrence: w.recurrence,
});

export interface NewWindow {
  scope: 'site' | 'device';
  targetId: string;
  startsAt: Date;
  endsAt: Date | null;
  timezone: string;
  recurrence: Recurrence | null;
  reason: string | null;
  createdBy: string;
}

export class MaintenanceRepository {
  constructor(private readonly schema: string) {}

  private get t() {
    return `"${this.schema}".maintenance_window`;
  }

  async insert(m: EntityManager, orgId: string, w: NewWindow): Promise<WindowRow> {
    const rows: WindowRow[] = await m.query(
      `INSERT INTO ${this.t} (id, org_id, scope, target_id, starts_at, ends_at, timezone, recurrence, reason, created_by)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10) RETURNING *`,
      [randomUUID(), orgId, w.scope, w.targetId, w.startsAt, w.endsAt, w.timezone, w.recurrence, w.reason, w.createdBy],
    );
    return rows[0]!;
  }

  /** Windows that can hold an incident about this device or any site on its path. */
  async forTargets(m: EntityManager, orgId: string, deviceId: string | null, sitePath: string[]): Promise<WindowRow[]> {
    return m.query(
      `SELECT * FROM ${this.t} WHERE org_id = $1 AND cancelled_at IS NULL
         AND ((scope = 'device' AND target_id = $2) OR (scope = 'site' AND target_id = ANY($3)))`,
      [orgId, deviceId, sitePath],
    );
  }

  async get(m: EntityManager, orgId: string, id: string): Promise<WindowRow | null> {
    const rows: WindowRow[] = await m.query(`SELECT * FROM ${this.t} WHERE org_id = $1 AND id = $2 AND cancelled_at IS NULL`, [orgId, id]);
    return rows[0] ?? null;
  }

  async list(m: EntityManager, orgId: string, targetId: string | undefined, after: CursorPosition | null, limit: number): Promise<WindowRow[]> {
    return m.query(
      `SELECT * FROM ${this.t} WHERE org_id = $1 AND cancelled_at IS NULL AND ($2::text IS NULL OR target_id = $2)
         AND ($3::timestamptz IS NULL OR (starts_at, id::text) > ($3::timestamptz, $4::text))
       ORDER BY starts_at, id::text LIMIT $5`,
      [orgId, targetId ?? null, after?.[0] ?? null, after?.[1] ?? null, limit + 1],
    );
  }

  async cancel(m: EntityManager, orgId: string, id: string): Promise<boolean> {
    const [, n] = (await m.query(`UPDATE ${this.t} SET cancelled_at = now() WHERE org_id = $1 AND id = $2 AND cancelled_at IS NULL`, [
      orgId, id,
    ])) as [unknown, number];
    return n > 0;
  }

  /** Registers the digest owed at the end of an occurrence; true the first time. */
  async oweDigest(m: EntityManager, orgId: string, windowId: string, occurrenceEnd: Date): Promise<boolean> {
    const rows = await m.query(
      `INSERT INTO "${this.schema}".maintenance_digest (org_id, window_id, occurrence_end) VALUES ($1,$2,$3)
       ON CONFLICT DO NOTHING RETURNING window_id`,
      [orgId, windowId, occurrenceEnd],
    );
    return rows.length > 0;
  }

  /** Claims an owed digest (once: concurrent or repeated jobs find it already sent). */
  async claimDigest(m: EntityManager, windowId: string, occurrenceEnd: Date): Promise<boolean> {
    const rows = rowsOf(await m.query(
      `UPDATE "${this.schema}".maintenance_digest SET sent_at = now()
       WHERE window_id = $1 AND occurrence_end = $2 AND sent_at IS NULL RETURNING window_id`,
      [windowId, occurrenceEnd],
    ));
    return rows.length > 0;
  }
}
