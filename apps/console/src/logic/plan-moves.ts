/** Replacement plan item states and the moves a person may make (mirrors the lifecycle service's rules). */
export type PlanState = 'proposed' | 'approved' | 'ordered' | 'replaced' | 'deferred' | 'dismissed';

const moves: Record<PlanState, readonly PlanState[]> = {
  proposed: ['approved', 'deferred', 'dismissed'],
  approved: ['ordered', 'deferred', 'dismissed'],
  ordered: ['replaced', 'deferred'],
  deferred: ['proposed', 'approved', 'dismissed'],
  replaced: [],
  dismissed: [],
};

/** The button label of each move. */
export const moveLabel: Record<PlanState, string> = {
  proposed: 'Reopen',
  approved: 'Approve',
  ordered: 'Order',
  replaced: 'Mark replaced',
  deferred: 'Defer',
  dismissed: 'Dismiss',
};

export function nextStates(from: string): PlanState[] {
  return [...(moves[from as PlanState] ?? [])];
}

export interface PlanMove {
  to: PlanState;
  reason?: string | null;
  replacedByDeviceId?: string | null;
}

/**
 * The body of a move, or the reason it cannot be sent: deferring needs a reason, a replacement names the new device
 * (an optional reason rides along with any move).
 */
export function planMoveBody(to: PlanState, reason: string, replacedBy: string): { body: PlanMove } | { error: string } {
  const why = reason.trim();
  const by = replacedBy.trim();
  if (to === 'deferred' && !why) return { error: 'Say why it is deferred.' };
  if (to === 'replaced' && !by) return { error: 'Give the id of the device that replaces it.' };
  const body: PlanMove = { to };
  if (why) body.reason = why.slice(0, 500);
  if (to === 'replaced') body.replacedByDeviceId = by;
  return { body };
}
