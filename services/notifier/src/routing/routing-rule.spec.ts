import { describe, it, expect } from '@jest/globals';
import { ruleMatchSchema, ruleTimingSchema as timingSchema } from '@fleetward/contracts';
import { matches, inQuietHours, quietHoursEnd, type IncidentLabels } from './routing-rule.js';
import { nextSendAt } from './group-timing.js';

const labels: IncidentLabels = {
  kind: 'device-offline',
  severity: 'major',
  sitePath: ['region-eu', 'store-214'],
  deviceType: 'camera',
  tags: ['loading-dock'],
};

describe('routing rule matching', () => {
  it('an empty match takes everything', () => {
    expect(matches(ruleMatchSchema.parse({}), labels)).toBe(true);
  });
  it('matches a site subtree, kind, type, tag and minimum severity', () => {
    expect(matches(ruleMatchSchema.parse({ siteIds: ['region-eu'] }), labels)).toBe(true);
    expect(matches(ruleMatchSchema.parse({ siteIds: ['region-us'] }), labels)).toBe(false);
    expect(matches(ruleMatchSchema.parse({ kinds: ['site-unreachable'] }), labels)).toBe(false);
    expect(matches(ruleMatchSchema.parse({ deviceTypes: ['reader'] }), labels)).toBe(false);
    expect(matches(ruleMatchSchema.parse({ tags: ['loading-dock', 'x'] }), labels)).toBe(true);
    expect(matches(ruleMatchSchema.parse({ minSeverity: 'critical' }), labels)).toBe(false);
    expect(matches(ruleMatchSchema.parse({ minSeverity: 'major', kinds: ['device-offline'] }), labels)).toBe(true);
  });
  it('refuses unknown fields', () => {
    expect(ruleMatchSchema.safeParse({ orgId: 'x' }).success).toBe(false);
  });
});

describe('quiet hours', () => {
  const q = { start: '22:00', end: '06:00', timezone: 'Europe/Paris' };
  it('wraps midnight in the given timezone', () => {
    expect(inQuietHours(q, new Date('2026-11-27T21:30:00Z'))).toBe(true); // 22:30 Paris
    expect(inQuietHours(q, new Date('2026-11-27T04:59:00Z'))).toBe(true); // 05:59 Paris
    expect(inQuietHours(q, new Date('2026-11-27T05:00:00Z'))).toBe(false); // 06:00 Paris
    expect(inQuietHours(null, new Date())).toBe(false);
    expect(quietHoursEnd(q, new Date('2026-11-27T21:30:00Z'))).toEqual(new Date('2026-11-28T05:00:00Z'));
  });
});

describe('Alertmanager group timing', () => {
  const t = timingSchema.parse({ groupWaitSec: 30, groupIntervalSec: 300, repeatIntervalSec: 3600 });
  const first = new Date('2026-11-27T10:00:00Z');
  it('waits group_wait before the first send, group_interval for changes, repeat_interval otherwise', () => {
    expect(nextSendAt({ firstAlertAt: first, lastSentAt: null, changedSinceSend: true }, t)).toEqual(new Date('2026-11-27T10:00:30Z'));
    const sent = new Date('2026-11-27T10:00:30Z');
    expect(nextSendAt({ firstAlertAt: first, lastSentAt: sent, changedSinceSend: true }, t)).toEqual(new Date('2026-11-27T10:05:30Z'));
    expect(nextSendAt({ firstAlertAt: first, lastSentAt: sent, changedSinceSend: false }, t)).toEqual(new Date('2026-11-27T11:00:30Z'));
  });
});
