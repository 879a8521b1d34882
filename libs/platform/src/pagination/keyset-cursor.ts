import { DomainError } from '../rpc/domain-error.js';

/** A keyset position: the sort values of the last item of a page, then its id. */
export type CursorPosition = Array<string | number | null>;

/** Opaque keyset cursor (base64url JSON): clients pass it back unchanged to get the next page. */
export function encodeCursor(position: CursorPosition): string {
  return Buffer.from(JSON.stringify(position)).toString('base64url');
}

/** `null` for no cursor (first page); throws INVALID / INVALID_CURSOR for anything this API did not hand out. */
export function decodeCursor(cursor: string | undefined, arity: number): CursorPosition | null {
  if (!cursor) return null;
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    value = undefined;
  }
  const valid =
    Array.isArray(value) &&
    value.length === arity &&
    value.every((v) => v === null || typeof v === 'string' || typeof v === 'number');
  if (!valid) throw new DomainError('INVALID', 'INVALID_CURSOR', 'The cursor is not one this API returned');
  return value as CursorPosition;
}

/** Rows fetched with `limit + 1`: the extra row only tells that a next page exists. */
export function pageFrom<R, T>(rows: R[], limit: number, map: (row: R) => T, position: (row: R) => CursorPosition) {
  const more = rows.length > limit;
  const slice = more ? rows.slice(0, limit) : rows;
  const last = slice[slice.length - 1];
  return { items: slice.map(map), nextCursor: more && last ? encodeCursor(position(last)) : null };
}
