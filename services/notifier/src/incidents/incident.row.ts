import type { Incident } from '@fleetward/contracts';
import { membersLink } from '../groups/members-link.js';

/** An incident row as Postgres returns it. */
export interface IncidentRow {
  id: string;
  org_id: string;
  kind: Incident['kind'];
  subject_key: string;
  severity: Incident['severity'];
  status: Incident['status'];
  title: string;
  site_id: string | null;
  site_name: string | null;
  site_path: string[];
  device_id: string | null;
  device_name: string | null;
  device_type: string | null;
  tags: string[];
  details: Record<string, unknown>;
  cause_event_id: string;
  cause_type: string;
  held: boolean;
  revision: number;
  worse_since_ack: boolean;
  opened_at: Date;
  updated_at: Date;
  acknowledged_at: Date | null;
  acknowledged_by: string | null;
  ack_note: string | null;
  resolved_at: Date | null;
  resolved_how: 'auto' | 'manual' | null;
  resolved_by: string | null;
  resolve_note: string | null;
  /** Devices in a group incident (lifecycle alerts); null for an incident about one device or site. */
  member_count: number | null;
  /** Members a group incident ever gained and lost (running totals; a digest tells the difference since its last). */
  members_added: number;
  members_removed: number;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toIncident(r: IncidentRow): Incident {
  return {
    id: r.id,
    kind: r.kind,
    severity: r.severity,
    status: r.status,
    title: r.title,
    siteId: r.site_id,
    siteName: r.site_name,
    sitePath: r.site_path,
    deviceId: r.device_id,
    deviceName: r.device_name,
    deviceType: r.device_type,
    tags: r.tags,
    details: r.details,
    held: r.held,
    openedAt: r.opened_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
    acknowledgedAt: iso(r.acknowledged_at),
    acknowledgedBy: r.acknowledged_by,
    ackNote: r.ack_note,
    resolvedAt: iso(r.resolved_at),
    resolvedHow: r.resolved_how,
    resolvedBy: r.resolved_by,
    resolveNote: r.resolve_note,
    memberCount: r.member_count,
    membersLink: r.member_count === null ? null : membersLink(r.kind, r.subject_key, new Date()),
  };
}
