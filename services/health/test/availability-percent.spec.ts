import { percentAvailable } from '../src/uptime/uptime.service.js';

describe('availability percentage', () => {
  it('is exactly 100 without an outage, whatever the counted time', () => {
    // 100 * t / t is 99.99999999999999 for this t in floating point
    expect(percentAvailable(0, 0.023100000000000002)).toBe(100);
    for (let t = 0.001; t < 50; t += 0.0137) expect(percentAvailable(0, t)).toBe(100);
  });

  it('shows a short outage in a month and clamps to 0..100', () => {
    const month = 31 * 86400;
    expect(percentAvailable(60, month)).toBe(99.99776);
    expect(percentAvailable(0.5, month)).toBeLessThan(100);
    expect(percentAvailable(month * 2, month)).toBe(0);
    expect(percentAvailable(-1, month)).toBe(100);
  });
});
