import { describe, expect, it } from '@jest/globals';
import { eventFlows, eventServices, flowOf } from './event-flows.js';
import { allEvents } from './events.js';

describe('event flows', () => {
  it('give every event exactly one producer', () => {
    expect(allEvents.filter((def) => flowOf(def).producedBy.length !== 1).map((d) => d.type)).toEqual([]);
  });

  it('list only known events, each once per service', () => {
    const known = new Set(allEvents.map((d) => `${d.type}@${d.version}`));
    for (const s of eventServices) {
      for (const list of [eventFlows[s].produces, eventFlows[s].consumes]) {
        const keys = list.map((d) => `${d.type}@${d.version}`);
        expect(keys.filter((k) => !known.has(k))).toEqual([]);
        expect(new Set(keys).size).toBe(keys.length);
      }
    }
  });

  it('say who consumes a device registration', () => {
    expect(flowOf(allEvents[0])).toEqual({ producedBy: ['inventory'], consumedBy: ['health', 'lifecycle'] });
  });
});
