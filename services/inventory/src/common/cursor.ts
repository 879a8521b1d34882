import { z } from 'zod';
import { InventoryErrors } from './inventory-errors.js';

const cursorSchema = z.object({ s: z.string(), v: z.string().nullable(), id: z.string() });
export type Cursor = z.infer<typeof cursorSchema>;

/** Opaque keyset cursor: the sort it belongs to, the last row's sort value and id. */
export function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify(c)).toString('base64url');
}

export function decodeCursor(raw: string | undefined, sort: string): Cursor | undefined {
  if (!raw) return undefined;
  try {
    const c = cursorSchema.parse(JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')));
    if (c.s !== sort) throw InventoryErrors.invalidCursor();
    return c;
  } catch {
    throw InventoryErrors.invalidCursor();
  }
}
