import { describe, expect, it } from '@jest/globals';
import { byPolicyAndQuarter, forecastRows, quarterLabel } from './forecast.js';

describe('forecast', () => {
  const rows = [
    { policy: 'run-to-failure', quarterStart: '2027-01-01', devices: 1, cost: 100, expectedOfflineDays: 4 },
    { policy: 'organisation', quarterStart: '2027-04-01', devices: 2, cost: 300, expectedOfflineDays: 0 },
    { policy: 'organisation', quarterStart: '2027-01-01', devices: 3, cost: 50, expectedOfflineDays: 0 },
    { policy: 'organisation', quarterStart: '2027-01-01', devices: 1, cost: 25, expectedOfflineDays: 1 },
  ];

  it('sums per policy and quarter, organisation first, every quarter present for each policy', () => {
    const f = byPolicyAndQuarter(rows);
    expect(f.map((p) => p.policy)).toEqual(['organisation', 'run-to-failure']);
    expect(f[0]!.quarters).toEqual([
      { quarterStart: '2027-01-01', devices: 4, cost: 75, expectedOfflineDays: 1 },
      { quarterStart: '2027-04-01', devices: 2, cost: 300, expectedOfflineDays: 0 },
    ]);
    expect(f[0]!.cost).toBe(375);
    expect(f[1]!.quarters[1]).toEqual({ quarterStart: '2027-04-01', devices: 0, cost: 0, expectedOfflineDays: 0 });
  });

  it('accepts the response as an array, {items} or {rows}', () => {
    expect(forecastRows(rows)).toHaveLength(4);
    expect(forecastRows({ items: rows })).toHaveLength(4);
    expect(forecastRows({ rows })).toHaveLength(4);
    expect(forecastRows({ nothing: true })).toEqual([]);
  });

  it('labels quarters', () => {
    expect(['2027-01-01', '2027-04-01', '2027-10-01'].map(quarterLabel)).toEqual(['2027 Q1', '2027 Q2', '2027 Q4']);
  });
});
