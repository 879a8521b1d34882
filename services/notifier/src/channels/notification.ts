import type { IncidentKind, IncidentSeverity as Severity } from '@fleetward/contracts';

/** What one message says, whatever the channel: a group of incidents and why they are being sent now. */
export type NotificationReason = 'firing' | 'updated' | 'resolved' | 'repeat' | 'escalation' | 'digest' | 'test';

export interface NotificationItem {
  incidentId: string;
  kind: IncidentKind;
  severity: Severity;
  status: 'open' | 'acknowledged' | 'resolved';
  title: string;
  siteName: string | null;
  deviceName: string | null;
  openedAt: string;
  resolvedAt: string | null;
  acknowledgedBy: string | null;
  ackNote: string | null;
  /** A grouped lifecycle incident: how many devices it holds, and where to list them (absolute with PUBLIC_URL). */
  memberCount?: number | null;
  membersLink?: string | null;
}

export interface Notification {
  /** Stable id of this message (the webhook-id, so receivers can de-duplicate). */
  id: string;
  orgId: string;
  reason: NotificationReason;
  subject: string;
  items: NotificationItem[];
  /** Link to the console's incidents page, when the public URL is configured. */
  consoleUrl: string | null;
  sentAt: string;
}

const reasonWords: Record<NotificationReason, string> = {
  firing: 'New',
  updated: 'Updated',
  resolved: 'Resolved',
  repeat: 'Still open',
  escalation: 'Escalated (not acknowledged)',
  digest: 'After maintenance, still wrong',
  test: 'Test message',
};

export function headline(n: Notification): string {
  return `[Fleetward] ${reasonWords[n.reason]}: ${n.subject}`;
}

export function itemLine(i: NotificationItem): string {
  const where = [i.siteName, i.deviceName].filter(Boolean).join(' / ');
  const state =
    i.status === 'resolved'
      ? `resolved ${i.resolvedAt ?? ''}`.trim()
      : i.status === 'acknowledged'
        ? `acknowledged by ${i.acknowledgedBy ?? '?'}${i.ackNote ? ` ("${i.ackNote}")` : ''}`
        : `open since ${i.openedAt}`;
  const list = i.membersLink ? ` — list: ${i.membersLink}` : '';
  return `${i.severity.toUpperCase()} ${i.title}${where ? ` — ${where}` : ''} (${state})${list}`;
}
