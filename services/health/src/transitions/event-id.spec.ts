import { describe, expect, it } from '@jest/globals';
import { deterministicEventId, transitionEventId } from './event-id.js';

describe('deterministic event ids', () => {
  it('are version 5 uuids, equal for the same transition and different otherwise', () => {
    const t = { type: 'device.offline', orgId: 'o1', deviceId: 'cam-1', siteId: 's1', at: 1764223200000 };
    const id = transitionEventId(t);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(transitionEventId({ ...t })).toBe(id);
    expect(transitionEventId({ ...t, at: t.at + 1 })).not.toBe(id);
    expect(transitionEventId({ ...t, type: 'device.online' })).not.toBe(id);
    expect(deterministicEventId('a')).not.toBe(deterministicEventId('b'));
  });
});
