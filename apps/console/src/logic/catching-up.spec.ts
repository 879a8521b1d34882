import { describe, expect, it } from '@jest/globals';
import { catchingUpLines } from './catching-up.js';

const backlog = (service: string, behind: number, oldestAgeSeconds: number, etaSeconds: number | null) => ({
  service,
  behind,
  oldestAgeSeconds,
  eventsPerSecond: etaSeconds === null ? null : behind / Math.max(etaSeconds, 1),
  etaSeconds,
});

describe('catching-up banner text', () => {
  it('names each service that is behind, the largest backlog first, with the time to catch up', () => {
    expect(catchingUpLines([backlog('lifecycle', 450, 12, 75), backlog('health', 12_000, 9, 8)])).toEqual([
      'health is 12,000 events behind, ~8 s to catch up',
      'lifecycle is 450 events behind, ~1 min to catch up',
    ]);
  });

  it('says how long the oldest event has waited when the rate is not known yet', () => {
    expect(catchingUpLines([backlog('notifier', 1, 4000, null)])).toEqual([
      'notifier is 1 event behind, oldest waiting 1.1 h',
    ]);
  });

  it('stays quiet for a caught-up service and for the few seconds of normal traffic', () => {
    expect(catchingUpLines([backlog('health', 0, 0, 0), backlog('lifecycle', 30, 1.5, 1)])).toEqual([]);
  });
});
