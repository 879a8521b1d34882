import { describe, expect, it } from '@jest/globals';
import { flatten, healthOf, mapDots, rollUp } from './fleet.js';

const site = (id: string, parentId: string | null, name: string, lat: number | null = null) => ({
  id,
  parentId,
  name,
  code: id,
  lat,
  lon: lat === null ? null : 2,
});

describe('healthOf', () => {
  it('is red when unreachable or everything is down, amber with some trouble, green when all online', () => {
    expect(healthOf(3, { online: 3 }, true)).toBe('red');
    expect(healthOf(2, { offline: 2 })).toBe('red');
    expect(healthOf(3, { online: 2, late: 1 })).toBe('amber');
    expect(healthOf(3, { online: 3 })).toBe('green');
    expect(healthOf(0, {})).toBe('grey');
    expect(healthOf(2, { 'never-seen': 2 })).toBe('grey');
  });
});

describe('rollUp', () => {
  it('sums counts up the tree and colours each node by its subtree', () => {
    const roots = rollUp(
      [site('r', null, 'Region'), site('b', 'r', 'Bravo', 10), site('a', 'r', 'Alpha', 20)],
      [
        { siteId: 'a', total: 2, byState: { online: 2 }, unreachable: false },
        { siteId: 'b', total: 3, byState: { online: 2, offline: 1 }, unreachable: false },
      ],
    );
    expect(roots).toHaveLength(1);
    const [r] = roots;
    expect(r!.total).toBe(5);
    expect(r!.byState).toEqual({ online: 4, offline: 1 });
    expect(r!.health).toBe('amber');
    expect(flatten(roots).map((n) => `${n.depth}:${n.name}:${n.health}`)).toEqual([
      '0:Region:amber',
      '1:Alpha:green',
      '1:Bravo:amber',
    ]);
    expect(mapDots(roots).map((n) => n.id)).toEqual(['a', 'b']);
  });

  it('keeps a site whose parent is unknown as a root', () => {
    expect(rollUp([site('x', 'gone', 'X')], []).map((n) => n.id)).toEqual(['x']);
  });
});
