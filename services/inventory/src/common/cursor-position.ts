import type { CursorPosition } from '@fleetward/platform';
import { InventoryErrors } from './inventory-errors.js';
import { isUuid } from './sql.js';

/** A uuid read back from a cursor position; anything else is a cursor this API did not hand out. */
export function uuidOrInvalid(value: CursorPosition[number]): string {
  if (typeof value !== 'string' || !isUuid(value)) throw InventoryErrors.invalidCursor();
  return value;
}
