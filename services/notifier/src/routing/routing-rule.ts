import { DateTime } from 'luxon';
import type { z } from 'zod';
import {
  incidentSeveritySchema,
  type quietHoursSchema,
  type ruleMatchSchema,
  type ruleTimingSchema,
  type IncidentKind,
  type IncidentSeverity as Severity,
} from '@fleetward/contracts';

export type { IncidentKind, Severity };
export type RuleMatch = z.output<typeof ruleMatchSchema>;
export type QuietHours = z.output<typeof quietHoursSchema>;
export type Timing = z.output<typeof ruleTimingSchema>;

const severities = incidentSeveritySchema.options;

/** What a rule is matched against: labels of one incident. */
export interface IncidentLabels {
  kind: IncidentKind;
  severity: Severity;
  /** The incident's site and all its ancestors (root first). */
  sitePath: readonly string[];
  deviceType: string | null;
  tags: readonly string[];
}

export function matches(m: RuleMatch, l: IncidentLabels): boolean {
  if (m.kinds.length && !m.kinds.includes(l.kind)) return false;
  if (severities.indexOf(l.severity) < severities.indexOf(m.minSeverity)) return false;
  if (m.siteIds.length && !m.siteIds.some((s) => l.sitePath.includes(s))) return false;
  if (m.deviceTypes.length && (!l.deviceType || !m.deviceTypes.includes(l.deviceType))) return false;
  if (m.tags.length && !m.tags.some((t) => l.tags.includes(t))) return false;
  return true;
}

/** True when `at` falls in the quiet hours (which may wrap midnight, e.g. 22:00-06:00). */
export function inQuietHours(q: QuietHours | null, at: Date): boolean {
  if (!q) return false;
  const local = DateTime.fromJSDate(at, { zone: q.timezone });
  const minutes = local.hour * 60 + local.minute;
  const toMin = (s: string) => Number(s.slice(0, 2)) * 60 + Number(s.slice(3, 5));
  const [start, end] = [toMin(q.start), toMin(q.end)];
  return start <= end ? minutes >= start && minutes < end : minutes >= start || minutes < end;
}

/** The end of the quiet hours that contain `at` (when held notifications go out). */
export function quietHoursEnd(q: QuietHours, at: Date): Date {
  const local = DateTime.fromJSDate(at, { zone: q.timezone });
  const [h, m] = [Number(q.end.slice(0, 2)), Number(q.end.slice(3, 5))];
  let end = local.set({ hour: h, minute: m, second: 0, millisecond: 0 });
  if (end <= local) end = end.plus({ days: 1 });
  return end.toJSDate();
}
