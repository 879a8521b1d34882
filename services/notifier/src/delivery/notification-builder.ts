import type { IncidentRow } from '../incidents/incident.row.js';
import { formatDuration } from '../incidents/incident-rules.js';
import { digestTitle } from '../groups/group-digest.js';
import { membersLink } from '../groups/members-link.js';
import type { Notification, NotificationItem, NotificationReason } from '../channels/notification.js';

export function itemOf(r: IncidentRow, publicUrl?: string): NotificationItem {
  const link = r.member_count === null ? null : membersLink(r.kind, r.subject_key, new Date());
  return {
    incidentId: r.id,
    kind: r.kind,
    severity: r.severity,
    status: r.status,
    title: digestTitle(r),
    siteName: r.site_name,
    deviceName: r.device_name,
    openedAt: r.opened_at.toISOString(),
    resolvedAt: r.resolved_at ? r.resolved_at.toISOString() : null,
    acknowledgedBy: r.acknowledged_by,
    ackNote: r.ack_note,
    memberCount: r.member_count,
    membersLink: link && publicUrl ? new URL(link, publicUrl).toString() : link,
  };
}

/** One message about some incidents; `id` becomes the delivery's and the webhook's id (stable across retries). */
export function buildNotification(o: {
  id: string;
  orgId: string;
  reason: NotificationReason;
  rows: IncidentRow[];
  publicUrl?: string;
  now: Date;
}): Notification {
  const items = o.rows.map((r) => itemOf(r, o.publicUrl));
  const subject =
    items.length === 1
      ? withDuration(o.rows[0]!)
      : `${items.length} incidents${commonSite(o.rows) ? ` at ${commonSite(o.rows)}` : ''}`;
  return {
    id: o.id,
    orgId: o.orgId,
    reason: o.reason,
    subject,
    items,
    consoleUrl: o.publicUrl ? new URL('/incidents', o.publicUrl).toString() : null,
    sentAt: o.now.toISOString(),
  };
}

function withDuration(r: IncidentRow): string {
  if (r.status !== 'resolved' || !r.resolved_at) return digestTitle(r);
  return `${digestTitle(r)} — resolved after ${formatDuration(Math.round((r.resolved_at.getTime() - r.opened_at.getTime()) / 1000))}`;
}

function commonSite(rows: IncidentRow[]): string | null {
  const names = new Set(rows.map((r) => r.site_name ?? r.site_id));
  return names.size === 1 ? ([...names][0] ?? null) : null;
}
