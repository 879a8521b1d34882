import {
  createEvent,
  incidentAcknowledgedV1,
  incidentOpenedV1,
  incidentResolvedV1,
  type EventEnvelope,
  type IncidentKind,
} from '@fleetward/contracts';
import type { IncidentRow } from './incident.row.js';

const SOURCE = 'notifier';

function shape(r: IncidentRow) {
  return {
    orgId: r.org_id,
    incidentId: r.id,
    kind: r.kind as IncidentKind,
    severity: r.severity,
    title: r.title,
    siteId: r.site_id,
    siteName: r.site_name,
    sitePath: r.site_path,
    deviceId: r.device_id,
    deviceName: r.device_name,
    deviceType: r.device_type as never,
  };
}

/** Each transition happens once (inbox + one-open-incident constraint), so each event is written once to the outbox. */
export function openedEvent(r: IncidentRow, correlationId: string): EventEnvelope {
  return createEvent(incidentOpenedV1, {
    orgId: r.org_id,
    source: SOURCE,
    correlationId,
    data: { ...shape(r), cause: { eventId: r.cause_event_id, type: r.cause_type }, ruleId: null, openedAt: r.opened_at.toISOString() },
  });
}

export function acknowledgedEvent(r: IncidentRow, correlationId: string): EventEnvelope {
  return createEvent(incidentAcknowledgedV1, {
    orgId: r.org_id,
    source: SOURCE,
    correlationId,
    data: {
      ...shape(r),
      by: r.acknowledged_by!,
      note: r.ack_note,
      openedAt: r.opened_at.toISOString(),
      acknowledgedAt: r.acknowledged_at!.toISOString(),
    },
  });
}

export function resolvedEvent(r: IncidentRow, correlationId: string, cause: { eventId: string; type: string } | null): EventEnvelope {
  const resolvedAt = r.resolved_at!;
  return createEvent(incidentResolvedV1, {
    orgId: r.org_id,
    source: SOURCE,
    correlationId,
    data: {
      ...shape(r),
      how: r.resolved_how ?? 'auto',
      by: r.resolved_by,
      note: r.resolve_note,
      cause,
      openedAt: r.opened_at.toISOString(),
      resolvedAt: resolvedAt.toISOString(),
      durationSec: Math.max(0, Math.round((resolvedAt.getTime() - r.opened_at.getTime()) / 1000)),
    },
  });
}
