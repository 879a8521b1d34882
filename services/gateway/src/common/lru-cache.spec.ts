import { describe, expect, it } from '@jest/globals';
import { LruCache } from './lru-cache.js';

describe('LruCache', () => {
  it('never holds more than maxEntries and drops the least recently used first', () => {
    const cache = new LruCache<string, number>(3);
    cache.set('a', 1);
    cache.set('b', 2);
    cache.set('c', 3);
    expect(cache.get('a')).toBe(1); // a is now the most recent: b is the oldest
    cache.set('d', 4);
    expect(cache.size).toBe(3);
    expect(cache.get('b')).toBeUndefined();
    expect([cache.get('a'), cache.get('c'), cache.get('d')]).toEqual([1, 3, 4]);
  });

  it('keeps a hot set that fits while a stream of cold keys passes through (no clear-all on overflow)', () => {
    const cache = new LruCache<number, number>(100_000);
    const hot = 90_000;
    for (let i = 0; i < hot; i++) cache.set(i, i);
    // Every round touches the whole hot set and pushes 5,000 new cold keys through: 250,000 over the bound in all.
    // Counted, then asserted once: 4.5M expect() calls took minutes under load.
    let missed = 0;
    let largest = 0;
    for (let round = 0; round < 50; round++) {
      for (let i = 0; i < hot; i++) if (cache.get(i) !== i) missed++;
      for (let j = 0; j < 5_000; j++) cache.set(1_000_000 + round * 5_000 + j, -1);
      largest = Math.max(largest, cache.size);
    }
    expect({ missed, largest }).toEqual({ missed: 0, largest: 100_000 });
    let held = 0;
    for (let i = 0; i < hot; i++) if (cache.get(i) === i) held++;
    expect(held).toBe(hot);
  });

  it('re-setting a key refreshes it instead of adding a second entry', () => {
    const cache = new LruCache<string, number>(2);
    cache.set('a', 1);
    cache.set('a', 2);
    cache.set('b', 3);
    expect(cache.size).toBe(2);
    expect(cache.get('a')).toBe(2);
  });
});
