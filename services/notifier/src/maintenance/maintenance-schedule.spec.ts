import { describe, it, expect } from '@jest/globals';
import { occurrenceAt, nextStart, type Schedule } from './maintenance-schedule.js';

const d = (iso: string) => new Date(iso);

describe('maintenance schedule', () => {
  it('one-off window covers [start, end)', () => {
    const s: Schedule = { startsAt: d('2026-11-28T06:00:00Z'), endsAt: d('2026-11-28T08:00:00Z'), timezone: 'UTC', recurrence: null };
    expect(occurrenceAt(s, d('2026-11-28T05:59:59Z'))).toBeNull();
    expect(occurrenceAt(s, d('2026-11-28T06:00:00Z'))).toEqual({ start: s.startsAt, end: s.endsAt });
    expect(occurrenceAt(s, d('2026-11-28T08:00:00Z'))).toBeNull();
    expect(nextStart(s, d('2026-11-27T00:00:00Z'))).toEqual(s.startsAt);
  });

  it('weekly window keeps local time across a DST change (Europe/Berlin)', () => {
    const s: Schedule = {
      startsAt: d('2026-03-01T00:00:00Z'),
      endsAt: null,
      timezone: 'Europe/Berlin',
      recurrence: { freq: 'weekly', weekdays: [2], startTime: '02:30', durationMinutes: 120 },
    };
    // Tue 24 March 2026 (CET, UTC+1): 02:30 local = 01:30Z. Tue 31 March (CEST, UTC+2): 02:30 local = 00:30Z.
    expect(occurrenceAt(s, d('2026-03-24T01:45:00Z'))?.start).toEqual(d('2026-03-24T01:30:00Z'));
    expect(occurrenceAt(s, d('2026-03-31T00:45:00Z'))?.start).toEqual(d('2026-03-31T00:30:00Z'));
    expect(occurrenceAt(s, d('2026-03-25T01:45:00Z'))).toBeNull(); // a Wednesday
    expect(nextStart(s, d('2026-03-25T00:00:00Z'))).toEqual(d('2026-03-31T00:30:00Z'));
  });

  it('a nightly window that crosses midnight covers the early morning', () => {
    const s: Schedule = {
      startsAt: d('2026-01-01T00:00:00Z'),
      endsAt: null,
      timezone: 'America/New_York',
      recurrence: { freq: 'daily', startTime: '23:00', durationMinutes: 180 },
    };
    // 01:00 local on 10 Jan (EST, UTC-5) = 06:00Z, inside the window that started 23:00 local on 9 Jan.
    expect(occurrenceAt(s, d('2026-01-10T06:00:00Z'))).toEqual({ start: d('2026-01-10T04:00:00Z'), end: d('2026-01-10T07:00:00Z') });
    expect(occurrenceAt(s, d('2026-01-10T07:00:00Z'))).toBeNull();
  });

  it('a recurring series ends at endsAt', () => {
    const s: Schedule = {
      startsAt: d('2026-01-01T00:00:00Z'),
      endsAt: d('2026-01-03T00:00:00Z'),
      timezone: 'UTC',
      recurrence: { freq: 'daily', startTime: '12:00', durationMinutes: 60 },
    };
    expect(occurrenceAt(s, d('2026-01-02T12:30:00Z'))).not.toBeNull();
    expect(occurrenceAt(s, d('2026-01-03T12:30:00Z'))).toBeNull();
    expect(nextStart(s, d('2026-01-02T13:00:00Z'))).toBeNull();
  });
});
