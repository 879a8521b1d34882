import { describe, expect, it } from '@jest/globals';
// The lifecycle service decides which moves are legal; the console spells the same table to keep zod out of its bundle.
import { canMove, itemStates } from '../../../../services/lifecycle/src/plan/item-state.js';
import { nextStates, type PlanState } from './plan-moves.js';

describe('plan moves offered by the console', () => {
  it('are exactly the moves the lifecycle service accepts', () => {
    for (const from of itemStates) {
      const accepted = itemStates.filter((to) => canMove(from, to));
      expect({ from, offered: nextStates(from as PlanState).sort() }).toEqual({ from, offered: accepted.sort() });
    }
  });
});
