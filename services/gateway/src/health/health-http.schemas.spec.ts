import { describe, expect, it } from '@jest/globals';
import { healthAvailabilityQuerySchema, healthDevicesQuerySchema, resolveWindow } from './health-http.schemas.js';

describe('health HTTP query schemas', () => {
  it('parses maintenance windows to exclude from availability', () => {
    const q = healthAvailabilityQuerySchema.parse({
      siteId: 'store-214',
      exclude: '2026-11-01T08:00:00Z/2026-11-01T10:00:00Z,2026-11-02T08:00:00Z/2026-11-02T09:00:00Z',
    });
    expect(q.exclude).toEqual([
      { from: '2026-11-01T08:00:00Z', to: '2026-11-01T10:00:00Z' },
      { from: '2026-11-02T08:00:00Z', to: '2026-11-02T09:00:00Z' },
    ]);
  });

  it('wants exactly one of device or site, and refuses unknown fields such as orgId', () => {
    expect(healthAvailabilityQuerySchema.safeParse({}).success).toBe(false);
    expect(healthAvailabilityQuerySchema.safeParse({ deviceId: 'a', siteId: 'b' }).success).toBe(false);
    expect(healthDevicesQuerySchema.safeParse({ orgId: 'other-org' }).success).toBe(false);
    expect(healthDevicesQuerySchema.parse({ state: 'offline', flapping: 'true' })).toMatchObject({
      state: 'offline',
      flapping: true,
      limit: 50,
    });
  });

  it('defaults the window to the 7 days before `to`', () => {
    expect(resolveWindow({ to: '2026-11-27T00:00:00.000Z' })).toEqual({
      from: '2026-11-20T00:00:00.000Z',
      to: '2026-11-27T00:00:00.000Z',
    });
  });
});
