import type { EntityManager } from 'typeorm';
import { rowsOf } from '@fleetward/platform';
import type { IncidentRow } from '../incidents/incident.row.js';
import { subjectKeyOf, targetId, type MembershipPlan } from './membership-plan.js';

export interface MemberDelta {
  incidentId: string;
  added: number;
  removed: number;
}

const countText = (n: string) =>
  `to_char(${n}, 'FM999,999,999,990') || CASE WHEN ${n} = 1 THEN ' device' ELSE ' devices' END`;

/**
 * Group incidents and their members, set-based: each method is one statement for the whole batch, whatever the
 * number of devices in it. Every method runs inside the caller's org transaction.
 */
export class GroupIncidentRepository {
  constructor(private readonly schema: string) {}

  private get t() {
    return `"${this.schema}".incident`;
  }

  private get members() {
    return `"${this.schema}".incident_member`;
  }

  /** Opens the missing groups (the partial unique index keeps one open per key), then locks and returns them all. */
  async open(
    m: EntityManager,
    orgId: string,
    targets: MembershipPlan['targets'],
    now: Date,
  ): Promise<{ opened: IncidentRow[]; byTarget: Map<string, IncidentRow> }> {
    if (targets.length === 0) return { opened: [], byTarget: new Map() };
    const col = <T>(f: (x: MembershipPlan['targets'][number]) => T) => targets.map(f);
    const kinds = col((x) => x.target.kind);
    const keys = col((x) => subjectKeyOf(x.target));
    const opened: IncidentRow[] = await m.query(
      `INSERT INTO ${this.t} (id, org_id, kind, subject_key, severity, status, title, details, cause_event_id, cause_type,
         opened_at, updated_at, member_count)
       SELECT gen_random_uuid(), $1, x.kind, x.key, x.severity, 'open', x.label, jsonb_build_object('label', x.label),
         x.cause_id, x.cause_type, $8, $8, 0
       FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::uuid[], $7::text[])
         AS x(kind, key, severity, label, cause_id, cause_type)
       ON CONFLICT (org_id, kind, subject_key) WHERE status <> 'resolved' DO NOTHING
       RETURNING *`,
      [
        orgId,
        kinds,
        keys,
        col((x) => x.target.severity),
        col((x) => x.target.label),
        col((x) => x.cause.eventId),
        col((x) => x.cause.type),
        now,
      ],
    );
    const rows: IncidentRow[] = await m.query(
      `SELECT i.* FROM ${this.t} i JOIN unnest($2::text[], $3::text[]) AS x(kind, key) ON i.kind = x.kind AND i.subject_key = x.key
       WHERE i.org_id = $1 AND i.status <> 'resolved' ORDER BY i.id FOR UPDATE OF i`,
      [orgId, kinds, keys],
    );
    return {
      opened,
      byTarget: new Map(rows.map((r) => [targetId({ kind: r.kind, key: r.subject_key.slice('group:'.length) }), r])),
    };
  }

  /**
   * Puts each (family, device) where the plan says: out of any other group of its family, into its target. Returns
   * how many members each incident gained and lost.
   */
  async place(
    m: EntityManager,
    orgId: string,
    placements: Array<{ family: string; deviceId: string; incidentId: string | null }>,
    now: Date,
  ): Promise<MemberDelta[]> {
    if (placements.length === 0) return [];
    const families = placements.map((p) => p.family);
    const devices = placements.map((p) => p.deviceId);
    const targets = placements.map((p) => p.incidentId);
    const gone: Array<{ incident_id: string }> = rowsOf(
      await m.query(
        `DELETE FROM ${this.members} mb USING unnest($2::text[], $3::text[], $4::uuid[]) AS x(family, device_id, target)
       WHERE mb.org_id = $1 AND mb.family = x.family AND mb.device_id = x.device_id AND mb.incident_id IS DISTINCT FROM x.target
       RETURNING mb.incident_id`,
        [orgId, families, devices, targets],
      ),
    );
    const came: Array<{ incident_id: string }> = await m.query(
      `INSERT INTO ${this.members} (org_id, incident_id, family, device_id, joined_at)
       SELECT $1, x.target, x.family, x.device_id, $5 FROM unnest($2::text[], $3::text[], $4::uuid[]) AS x(family, device_id, target)
       WHERE x.target IS NOT NULL
       ON CONFLICT (org_id, family, device_id) DO NOTHING
       RETURNING incident_id`,
      [orgId, families, devices, targets, now],
    );
    const deltas = new Map<string, MemberDelta>();
    const at = (id: string) => deltas.get(id) ?? deltas.set(id, { incidentId: id, added: 0, removed: 0 }).get(id)!;
    for (const r of gone) at(r.incident_id).removed++;
    for (const r of came) at(r.incident_id).added++;
    return [...deltas.values()];
  }

  /**
   * Applies the member deltas: new count and title; a group that gained devices is a change worth telling (revision
   * bump); a group left empty resolves itself.
   */
  async applyDeltas(m: EntityManager, orgId: string, deltas: MemberDelta[], now: Date): Promise<IncidentRow[]> {
    if (deltas.length === 0) return [];
    const n = 'i.member_count + d.added - d.removed';
    return rowsOf(
      await m.query(
        `UPDATE ${this.t} i SET member_count = ${n},
         members_added = i.members_added + d.added, members_removed = i.members_removed + d.removed,
         title = (i.details->>'label') || ': ' || ${countText(n)},
         details = i.details || jsonb_build_object('memberCount', ${n}),
         updated_at = $5,
         revision = i.revision + CASE WHEN d.added > 0 OR ${n} <= 0 THEN 1 ELSE 0 END,
         worse_since_ack = i.worse_since_ack OR (d.added > 0 AND i.status = 'acknowledged'),
         status = CASE WHEN ${n} <= 0 THEN 'resolved' ELSE i.status END,
         resolved_at = CASE WHEN ${n} <= 0 THEN $5 ELSE i.resolved_at END,
         resolved_how = CASE WHEN ${n} <= 0 THEN 'auto' ELSE i.resolved_how END,
         resolve_note = CASE WHEN ${n} <= 0 THEN 'no device left in the group' ELSE i.resolve_note END
       FROM unnest($2::uuid[], $3::int[], $4::int[]) AS d(id, added, removed)
       WHERE i.org_id = $1 AND i.id = d.id AND i.status <> 'resolved'
       RETURNING i.*`,
        [orgId, deltas.map((d) => d.incidentId), deltas.map((d) => d.added), deltas.map((d) => d.removed), now],
      ),
    );
  }

  /** Members exist only while their group is open: a resolved group (empty, or resolved by hand) lets them go. */
  async dropMembers(m: EntityManager, incidentIds: string[]): Promise<void> {
    if (incidentIds.length) await m.query(`DELETE FROM ${this.members} WHERE incident_id = ANY($1)`, [incidentIds]);
  }

  async log(
    m: EntityManager,
    orgId: string,
    entries: Array<{ incidentId: string; what: string; note: string | null }>,
  ): Promise<void> {
    if (entries.length === 0) return;
    await m.query(
      `INSERT INTO "${this.schema}".incident_log (org_id, incident_id, what, note)
       SELECT $1, x.id, x.what, x.note FROM unnest($2::uuid[], $3::text[], $4::text[]) AS x(id, what, note)`,
      [orgId, entries.map((e) => e.incidentId), entries.map((e) => e.what), entries.map((e) => e.note)],
    );
  }
}
