import { describe, expect, it } from '@jest/globals';
import { backoffDelay, cappedBackoff } from './backoff.js';

const options = { initialMs: 250, maxMs: 5_000, jitter: 0.2 };

describe('capped backoff with jitter', () => {
  it('counts attempts: doubles from the first delay, never past the cap (+ jitter)', () => {
    const delays = [1, 2, 3, 5, 8, 100].map((n) => backoffDelay(n, options));
    expect(delays[0]).toBeGreaterThanOrEqual(250);
    expect(delays[0]).toBeLessThanOrEqual(300);
    expect(delays[2]).toBeGreaterThanOrEqual(1000);
    for (const d of delays) expect(d).toBeLessThanOrEqual(6_000);
    expect(delays[5]).toBeGreaterThanOrEqual(5_000);
  });

  it('as a nats.js delay handler: grows with the outage (however often it is called), starts over after a quiet spell', () => {
    let now = 0;
    const next = cappedBackoff(options, () => now);
    expect(next()).toBeLessThanOrEqual(300);
    // nats.js calls it on every turn of its dial loop, waiting ones too: the count of calls must not matter.
    for (let i = 0; i < 50; i++) next();
    expect(next()).toBeLessThanOrEqual(300);
    now = 4_000;
    expect(next()).toBeGreaterThanOrEqual(2_000);
    now = 60_000;
    for (let t = 4_000; t <= 60_000; t += 5_000) {
      now = t;
      expect(next()).toBeLessThanOrEqual(6_000);
    }
    now = 120_000; // connected in between: a new outage starts from the first delay again
    expect(next()).toBeLessThanOrEqual(300);
  });
});
