import { describe, expect, it } from '@jest/globals';
import { allPages } from './all-pages.js';
import { nextStates, planMoveBody } from './plan-moves.js';
import { ruleInput } from './rule-input.js';
import { draftOf, emptyDraft, policyBody, scopeOf, sortPolicies, type Policy } from './policy-form.js';

const policy = (o: Partial<Policy>): Policy => ({
  id: 'p',
  siteId: null,
  deviceType: null,
  kind: 'warranty-expiry',
  offlineDays: null,
  ageYears: null,
  leadDays: 90,
  annualCapPct: null,
  ...o,
});

describe('replacement policy form', () => {
  it('builds the organisation default with its cap', () => {
    expect(policyBody({ ...emptyDraft(), annualCapPct: '20', leadDays: '30' })).toEqual({
      body: { siteId: null, deviceType: null, kind: 'warranty-expiry', offlineDays: null, ageYears: null, leadDays: 30, annualCapPct: 20 },
    });
  });

  it('says what is missing or wrong before sending', () => {
    expect(policyBody({ ...emptyDraft(), kind: 'run-to-failure' })).toEqual({ error: 'Run to failure needs the offline days.' });
    expect(policyBody({ ...emptyDraft(), kind: 'age', ageYears: '2.5' })).toEqual({ error: 'Age in years must be a whole number from 1 to 50.' });
    expect(policyBody({ ...emptyDraft(), deviceType: 'camera', annualCapPct: '10' })).toEqual({ error: 'The annual cap belongs to the organisation default.' });
    expect(policyBody({ ...emptyDraft(), annualCapPct: '0' })).toHaveProperty('error');
  });

  it('round-trips an override through the draft', () => {
    const p = policy({ siteId: 'dc-1', deviceType: 'camera', kind: 'run-to-failure', offlineDays: 14, leadDays: 0 });
    const { id: _id, ...rest } = p;
    expect(policyBody(draftOf(p))).toEqual({ body: rest });
  });

  it('names scopes and lists the default first', () => {
    const ps = [policy({ id: 't', deviceType: 'camera' }), policy({ id: 's', siteId: 'dc-1' }), policy({ id: 'o' })];
    expect(sortPolicies(ps).map((p) => p.id)).toEqual(['o', 's', 't']);
    expect(scopeOf(ps[1]!)).toBe('site dc-1 and below');
    expect(scopeOf(policy({ siteId: 'dc-1', deviceType: 'camera' }))).toBe('site dc-1 and below, type camera');
  });
});

describe('replacement plan moves', () => {
  it('offers only the moves the lifecycle allows', () => {
    expect(nextStates('proposed')).toEqual(['approved', 'deferred', 'dismissed']);
    expect(nextStates('ordered')).toEqual(['replaced', 'deferred']);
    expect(nextStates('replaced')).toEqual([]);
    expect(nextStates('nonsense')).toEqual([]);
  });

  it('needs a reason to defer and the new device to mark replaced', () => {
    expect(planMoveBody('deferred', '  ', '')).toEqual({ error: 'Say why it is deferred.' });
    expect(planMoveBody('deferred', ' budget next year ', '')).toEqual({ body: { to: 'deferred', reason: 'budget next year' } });
    expect(planMoveBody('replaced', '', '')).toHaveProperty('error');
    expect(planMoveBody('replaced', '', 'cam-9')).toEqual({ body: { to: 'replaced', replacedByDeviceId: 'cam-9' } });
    expect(planMoveBody('approved', '', 'ignored')).toEqual({ body: { to: 'approved' } });
  });
});

describe('reading every page', () => {
  it('follows cursors until the last page', async () => {
    const asked: string[] = [];
    const pages: Record<string, { items: number[]; nextCursor: string | null }> = {
      '/api/v1/sites?limit=2': { items: [1, 2], nextCursor: 'b' },
      '/api/v1/sites?limit=2&cursor=b': { items: [3, 4], nextCursor: 'd' },
      '/api/v1/sites?limit=2&cursor=d': { items: [5], nextCursor: null },
    };
    const got = await allPages<number>(async (u) => (asked.push(u), pages[u]!), '/api/v1/sites', 2);
    expect(got).toEqual([1, 2, 3, 4, 5]);
    expect(asked).toHaveLength(3);
  });

  it('stops a cursor that never ends', async () => {
    await expect(allPages(async () => ({ items: [1], nextCursor: 'same' }), '/x', 1, 3)).rejects.toThrow('more than 3 pages');
  });
});

describe('routing rule edits', () => {
  it('sends the whole rule back without its server-set fields, changing only what was asked', () => {
    const rule = { id: 'r', name: 'Nights', enabled: true, channelIds: ['c'], match: { severity: ['critical'] }, createdAt: 'x', updatedAt: 'y' };
    expect(ruleInput(rule, { enabled: false })).toEqual({ name: 'Nights', enabled: false, channelIds: ['c'], match: { severity: ['critical'] } });
  });
});
