import type { Timing } from './routing-rule.js';

/**
 * Alertmanager's notification timing for one group (a rule x grouping key):
 * - the first notification waits `groupWait` after the group's first alert, to batch a burst into one message;
 * - new or changed alerts in an already-notified group go out no sooner than `groupInterval` after the last send;
 * - an unchanged, still-firing group is re-sent every `repeatInterval`.
 */
export interface GroupState {
  firstAlertAt: Date;
  lastSentAt: Date | null;
  /** Something in the group changed (new alert, got worse) since the last send. */
  changedSinceSend: boolean;
}

export function nextSendAt(g: GroupState, t: Timing): Date {
  if (!g.lastSentAt) return new Date(g.firstAlertAt.getTime() + t.groupWaitSec * 1000);
  const interval = g.changedSinceSend ? t.groupIntervalSec : t.repeatIntervalSec;
  return new Date(g.lastSentAt.getTime() + interval * 1000);
}

/**
 * A grouped lifecycle incident is told about as a digest: after its first message, changes wait at least
 * `digestIntervalSec` (or the rule's group interval, if longer).
 */
export function digestTiming(t: Timing, digestIntervalSec: number): Timing {
  return { ...t, groupIntervalSec: Math.max(t.groupIntervalSec, digestIntervalSec) };
}
