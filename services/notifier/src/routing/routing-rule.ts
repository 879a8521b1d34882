import { DateTime } from 'luxon';
import { z } from 'zod';

export const incidentKinds = [
  'device-offline',
  'device-degraded',
  'site-unreachable',
  'firmware-noncompliant',
  'firmware-vulnerable',
  'replacement-due',
  'warranty-expiring',
] as const;
export const incidentKindSchema = z.enum(incidentKinds);
export type IncidentKind = z.infer<typeof incidentKindSchema>;

export const severities = ['info', 'minor', 'major', 'critical'] as const;
export const severitySchema = z.enum(severities);
export type Severity = z.infer<typeof severitySchema>;

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM');

/** An empty list matches everything; lists are OR within a field, AND across fields. */
export const ruleMatchSchema = z.strictObject({
  kinds: z.array(incidentKindSchema).default([]),
  /** Minimum severity (inclusive). */
  minSeverity: severitySchema.default('info'),
  /** Matches an incident whose site is one of these or lies below one of them. */
  siteIds: z.array(z.string().min(1)).default([]),
  deviceTypes: z.array(z.string().min(1)).default([]),
  tags: z.array(z.string().min(1)).default([]),
});
export type RuleMatch = z.infer<typeof ruleMatchSchema>;

export const quietHoursSchema = z.strictObject({ start: hhmm, end: hhmm, timezone: z.string().min(1) });
export type QuietHours = z.infer<typeof quietHoursSchema>;

/** Alertmanager timing: group_wait, group_interval, repeat_interval (seconds). */
export const timingSchema = z.strictObject({
  groupWaitSec: z.number().int().min(0).max(3600).default(30),
  groupIntervalSec: z.number().int().min(1).max(86400).default(300),
  repeatIntervalSec: z.number().int().min(60).max(7 * 86400).default(4 * 3600),
});
export type Timing = z.infer<typeof timingSchema>;

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
