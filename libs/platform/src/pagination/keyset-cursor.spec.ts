import { describe, it, expect } from '@jest/globals';
import { decodeCursor, encodeCursor, pageFrom } from './keyset-cursor.js';

describe('keyset cursor', () => {
  it('round-trips a position', () => {
    const c = encodeCursor(['2026-11-27T10:00:00.000Z', 'abc']);
    expect(decodeCursor(c, 2)).toEqual(['2026-11-27T10:00:00.000Z', 'abc']);
    expect(decodeCursor(undefined, 2)).toBeNull();
  });
  it('refuses a cursor it did not hand out', () => {
    expect(() => decodeCursor('garbage!', 2)).toThrow('The cursor is not one this API returned');
    expect(() => decodeCursor(encodeCursor(['a']), 2)).toThrow();
    expect(() => decodeCursor(Buffer.from('{"a":1}').toString('base64url'), 1)).toThrow();
  });
  it('pages with limit + 1 rows', () => {
    const rows = [1, 2, 3];
    expect(pageFrom(rows, 2, (r) => r * 10, (r) => [r])).toEqual({ items: [10, 20], nextCursor: encodeCursor([2]) });
    expect(pageFrom(rows, 3, (r) => r, (r) => [r]).nextCursor).toBeNull();
  });
});
