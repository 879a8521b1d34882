import { DateTime } from 'luxon';
import type { z } from 'zod';
import { recurrenceSchema } from '@fleetward/contracts';

/**
 * When a maintenance window holds alerts. One-off windows are an absolute interval; recurring ones repeat daily or on
 * given weekdays at a local time in the site's timezone, so "Tuesdays 02:00 for 2 hours" stays 02:00 across DST.
 */
export type Recurrence = z.output<typeof recurrenceSchema>;

export interface Schedule {
  startsAt: Date;
  /** For one-off windows the end; for recurring ones the end of the whole series (null = open-ended). */
  endsAt: Date | null;
  timezone: string;
  recurrence: Recurrence | null;
}

export interface Occurrence {
  start: Date;
  end: Date;
}

/** The occurrence covering `at`, or null. */
export function occurrenceAt(s: Schedule, at: Date): Occurrence | null {
  if (at < s.startsAt || (s.endsAt && at >= s.endsAt && !s.recurrence)) return null;
  if (!s.recurrence) return s.endsAt && at < s.endsAt ? { start: s.startsAt, end: s.endsAt } : null;
  if (s.endsAt && at >= s.endsAt) return null;
  const r = s.recurrence;
  const local = DateTime.fromJSDate(at, { zone: s.timezone });
  const [hh, mm] = r.startTime.split(':').map(Number) as [number, number];
  // An occurrence covering `at` started at most `durationMinutes` ago: look back over the days that could hold it.
  const daysBack = Math.ceil(r.durationMinutes / (24 * 60));
  for (let d = 0; d <= daysBack; d++) {
    const day = local.minus({ days: d }).set({ hour: hh, minute: mm, second: 0, millisecond: 0 });
    if (r.freq === 'weekly' && !(r.weekdays ?? []).includes(day.weekday)) continue;
    const start = day.toJSDate();
    const end = day.plus({ minutes: r.durationMinutes }).toJSDate();
    if (start >= s.startsAt && start <= at && at < end) return { start, end };
  }
  return null;
}

/** The next moment at or after `from` when the window opens, or null when it never opens again. */
export function nextStart(s: Schedule, from: Date): Date | null {
  if (!s.recurrence) return s.startsAt >= from ? s.startsAt : null;
  const r = s.recurrence;
  const [hh, mm] = r.startTime.split(':').map(Number) as [number, number];
  const base = DateTime.fromJSDate(from > s.startsAt ? from : s.startsAt, { zone: s.timezone });
  for (let d = 0; d <= 8; d++) {
    const day = base.plus({ days: d }).set({ hour: hh, minute: mm, second: 0, millisecond: 0 });
    if (r.freq === 'weekly' && !(r.weekdays ?? []).includes(day.weekday)) continue;
    const start = day.toJSDate();
    if (start < from || start < s.startsAt) continue;
    return s.endsAt && start >= s.endsAt ? null : start;
  }
  return null;
}
