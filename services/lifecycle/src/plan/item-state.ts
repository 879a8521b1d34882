/** States of a replacement item and the moves a person may make. `replaced` and `dismissed` are final. */
export const itemStates = ['proposed', 'approved', 'ordered', 'replaced', 'deferred', 'dismissed'] as const;
export type ItemState = (typeof itemStates)[number];

const allowed: Record<ItemState, readonly ItemState[]> = {
  proposed: ['approved', 'deferred', 'dismissed'],
  approved: ['ordered', 'deferred', 'dismissed'],
  ordered: ['replaced', 'deferred'],
  deferred: ['proposed', 'approved', 'dismissed'],
  replaced: [],
  dismissed: [],
};

export const canMove = (from: ItemState, to: ItemState): boolean => allowed[from].includes(to);
