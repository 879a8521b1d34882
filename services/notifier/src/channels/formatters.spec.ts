import { describe, it, expect } from '@jest/globals';
import { emailMessage, slackMessage, teamsMessage } from './formatters.js';
import type { Notification } from './notification.js';

const n: Notification = {
  id: 'n1',
  orgId: 'org1',
  reason: 'firing',
  subject: 'Store 214 unreachable, 38 devices',
  consoleUrl: 'https://fleetward.example/incidents',
  sentAt: '2026-11-27T10:00:00Z',
  items: [
    {
      incidentId: 'i1',
      kind: 'site-unreachable',
      severity: 'critical',
      status: 'open',
      title: 'Store 214 unreachable, 38 devices <power>',
      siteName: 'Store 214',
      deviceName: null,
      openedAt: '2026-11-27T09:59:00Z',
      resolvedAt: null,
      acknowledgedBy: null,
      ackNote: null,
    },
  ],
};

describe('channel formatters', () => {
  it('email has a text and an escaped HTML part', () => {
    const m = emailMessage(n);
    expect(m.subject).toBe('[Fleetward] New: Store 214 unreachable, 38 devices');
    expect(m.text).toContain('CRITICAL Store 214 unreachable, 38 devices <power> — Store 214');
    expect(m.html).toContain('&lt;power&gt;');
    expect(m.html).not.toContain('<power>');
  });
  it('slack and teams carry the headline and every item', () => {
    expect(JSON.stringify(slackMessage(n))).toContain('Store 214 unreachable');
    const teams = teamsMessage(n) as { attachments: Array<{ content: { body: unknown[] } }> };
    expect(teams.attachments[0]!.content.body).toHaveLength(2);
  });
});
