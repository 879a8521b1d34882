import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { rowsOf } from '@fleetward/platform';
import type { IncidentKind, IncidentSeverity } from '@fleetward/contracts';
import { incidentSeveritySchema } from '@fleetward/contracts';
import type { RaiseAction } from './incident-rules.js';
import type { IncidentRow } from './incident.row.js';

export interface Cause {
  eventId: string;
  type: string;
}

export type RaiseResult =
  | { change: 'opened'; row: IncidentRow }
  /** Severity rose, or more devices are affected: worth a new notification, also when acknowledged. */
  | { change: 'worse'; row: IncidentRow }
  | { change: 'unchanged'; row: IncidentRow };

const rank = (s: IncidentSeverity) => incidentSeveritySchema.options.indexOf(s);
const affected = (details: Record<string, unknown>) => Number(details['offlineDevices'] ?? 0);

/** The only code that reads and writes incidents. Every method runs inside the caller's org transaction. */
export class IncidentRepository {
  constructor(private readonly schema: string) {}

  private get t() {
    return `"${this.schema}".incident`;
  }

  async findOpen(m: EntityManager, orgId: string, kind: IncidentKind, subjectKey: string): Promise<IncidentRow | null> {
    const rows: IncidentRow[] = await m.query(
      `SELECT * FROM ${this.t} WHERE org_id = $1 AND kind = $2 AND subject_key = $3 AND status <> 'resolved' FOR UPDATE`,
      [orgId, kind, subjectKey],
    );
    return rows[0] ?? null;
  }

  /** Opens the incident, or updates the open one: the partial unique index guarantees one open per subject. */
  async raise(m: EntityManager, orgId: string, a: RaiseAction, cause: Cause, now: Date): Promise<RaiseResult> {
    const existing = await this.findOpen(m, orgId, a.kind, a.subjectKey);
    if (!existing) {
      const rows: IncidentRow[] = await m.query(
        `INSERT INTO ${this.t} (id, org_id, kind, subject_key, severity, status, title, site_id, site_name, site_path,
           device_id, device_name, device_type, tags, details, cause_event_id, cause_type, opened_at, updated_at)
         VALUES ($1,$2,$3,$4,$5,'open',$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$17)
         ON CONFLICT (org_id, kind, subject_key) WHERE status <> 'resolved' DO NOTHING
         RETURNING *`,
        [randomUUID(), orgId, a.kind, a.subjectKey, a.severity, a.title, a.siteId, a.siteName, a.sitePath, a.deviceId,
          a.deviceName, a.deviceType, a.tags, a.details, cause.eventId, cause.type, now],
      );
      if (rows[0]) {
        await this.log(m, orgId, rows[0].id, 'opened', null, a.title);
        return { change: 'opened', row: rows[0] };
      }
      // Another transaction opened it between our read and insert: update that one instead.
      return this.raise(m, orgId, a, cause, now);
    }
    const worse = rank(a.severity) > rank(existing.severity) || affected(a.details) > affected(existing.details);
    const rows: IncidentRow[] = rowsOf(await m.query(
      `UPDATE ${this.t} SET severity = CASE WHEN $2 THEN $3 ELSE severity END, title = $4, details = $5,
         site_name = COALESCE($6, site_name), updated_at = $7,
         revision = revision + CASE WHEN $2 THEN 1 ELSE 0 END,
         worse_since_ack = worse_since_ack OR ($2 AND status = 'acknowledged')
       WHERE id = $1 RETURNING *`,
      [existing.id, worse, a.severity, a.title, a.details, a.siteName, now],
    ));
    if (worse) await this.log(m, orgId, existing.id, 'worse', null, a.title);
    return { change: worse ? 'worse' : 'unchanged', row: rows[0]! };
  }

  /** Resolves the open incidents of these kinds for a subject. `auto` resolutions come from events. */
  async resolve(
    m: EntityManager,
    orgId: string,
    where: { kinds: IncidentKind[]; subjectKeys: string[] } | { id: string },
    how: { how: 'auto' | 'manual'; by: string | null; note: string | null },
    now: Date,
  ): Promise<IncidentRow[]> {
    const [cond, params] =
      'id' in where
        ? ['id = $2', [where.id]]
        : ['kind = ANY($2) AND subject_key = ANY($3)', [where.kinds, where.subjectKeys]];
    const n = params.length + 2;
    const rows: IncidentRow[] = rowsOf(await m.query(
      `UPDATE ${this.t} SET status = 'resolved', resolved_at = $${n}, updated_at = $${n}, resolved_how = $${n + 1},
         resolved_by = $${n + 2}, resolve_note = $${n + 3}, revision = revision + 1
       WHERE org_id = $1 AND ${cond} AND status <> 'resolved' RETURNING *`,
      [orgId, ...params, now, how.how, how.by, how.note],
    ));
    for (const r of rows) await this.log(m, orgId, r.id, 'resolved', how.by, how.note);
    // A group resolved by hand lets its devices go: the next one to qualify opens a new group.
    const groups = rows.filter((r) => r.member_count !== null).map((r) => r.id);
    if (groups.length) await m.query(`DELETE FROM "${this.schema}".incident_member WHERE incident_id = ANY($1)`, [groups]);
    return rows;
  }

  async acknowledge(m: EntityManager, orgId: string, id: string, by: string, note: string | null, now: Date): Promise<IncidentRow | null> {
    const rows: IncidentRow[] = rowsOf(await m.query(
      `UPDATE ${this.t} SET status = 'acknowledged', acknowledged_at = $3, acknowledged_by = $4, ack_note = $5,
         updated_at = $3, worse_since_ack = false
       WHERE org_id = $1 AND id = $2 AND status = 'open' RETURNING *`,
      [orgId, id, now, by, note],
    ));
    if (rows[0]) await this.log(m, orgId, id, 'acknowledged', by, note);
    return rows[0] ?? null;
  }

  async get(m: EntityManager, orgId: string, id: string): Promise<IncidentRow | null> {
    const rows: IncidentRow[] = await m.query(`SELECT * FROM ${this.t} WHERE org_id = $1 AND id = $2`, [orgId, id]);
    return rows[0] ?? null;
  }

  /** An open site incident on the device's site or any site above it covers the device. */
  async coveringSiteIncident(m: EntityManager, orgId: string, sitePath: string[]): Promise<IncidentRow | null> {
    if (sitePath.length === 0) return null;
    const rows: IncidentRow[] = await m.query(
      `SELECT * FROM ${this.t} WHERE org_id = $1 AND kind = 'site-unreachable' AND status <> 'resolved'
         AND site_id = ANY($2) LIMIT 1`,
      [orgId, sitePath],
    );
    return rows[0] ?? null;
  }

  async setHeld(m: EntityManager, ids: string[], held: boolean): Promise<void> {
    if (ids.length) await m.query(`UPDATE ${this.t} SET held = $2 WHERE id = ANY($1)`, [ids, held]);
  }

  async log(m: EntityManager, orgId: string, incidentId: string, what: string, by: string | null, note: string | null): Promise<void> {
    await m.query(`INSERT INTO "${this.schema}".incident_log (org_id, incident_id, what, by, note) VALUES ($1,$2,$3,$4,$5)`, [
      orgId, incidentId, what, by, note,
    ]);
  }

  async history(m: EntityManager, id: string): Promise<Array<{ at: Date; what: string; by: string | null; note: string | null }>> {
    return m.query(`SELECT at, what, by, note FROM "${this.schema}".incident_log WHERE incident_id = $1 ORDER BY id`, [id]);
  }

  /** Incidents held by a maintenance window on this target (its device, or its site and everything below). */
  async heldInScope(m: EntityManager, orgId: string, scope: 'site' | 'device', targetId: string): Promise<IncidentRow[]> {
    const cond = scope === 'device' ? 'device_id = $2' : '$2 = ANY(site_path)';
    return m.query(`SELECT * FROM ${this.t} WHERE org_id = $1 AND held AND ${cond} ORDER BY opened_at, id FOR UPDATE`, [orgId, targetId]);
  }
}
