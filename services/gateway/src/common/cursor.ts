import { GatewayError } from '../http/gateway-error.js';

/** Opaque keyset cursor: the sort position of the last item of a page. */
export function encodeCursor(position: (string | number)[]): string {
  return Buffer.from(JSON.stringify(position)).toString('base64url');
}

export function decodeCursor(cursor: string | undefined, arity: number): (string | number)[] | null {
  if (!cursor) return null;
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(value) &&
      value.length === arity &&
      value.every((v) => typeof v === 'string' || typeof v === 'number')
    ) {
      return value;
    }
  } catch {
    // fall through: reported below
  }
  throw new GatewayError(400, 'INVALID_CURSOR', 'The cursor is not one this API returned');
}

/** Rows fetched with `limit + 1`: the extra row only says there is a next page. */
export function pageFrom<R, T>(
  rows: R[],
  limit: number,
  map: (row: R) => T,
  position: (row: R) => (string | number)[],
) {
  const more = rows.length > limit;
  const slice = more ? rows.slice(0, limit) : rows;
  const last = slice[slice.length - 1];
  return { items: slice.map(map), nextCursor: more && last ? encodeCursor(position(last)) : null };
}
