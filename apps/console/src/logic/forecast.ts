export interface ForecastRow {
  policy: string;
  quarterStart: string;
  devices: number;
  cost: number;
  expectedOfflineDays: number;
}

export interface QuarterTotals {
  quarterStart: string;
  devices: number;
  cost: number;
  expectedOfflineDays: number;
}

export interface PolicyForecast {
  policy: string;
  quarters: QuarterTotals[];
  devices: number;
  cost: number;
  expectedOfflineDays: number;
}

/** The API may answer with a bare array, `{ items }` or `{ rows }`; anything else is no rows. */
export function forecastRows(body: unknown): ForecastRow[] {
  const list = Array.isArray(body)
    ? body
    : body && typeof body === 'object'
      ? ((body as { items?: unknown; rows?: unknown }).items ?? (body as { rows?: unknown }).rows)
      : null;
  if (!Array.isArray(list)) return [];
  return list.filter(
    (r): r is ForecastRow => !!r && typeof r === 'object' && typeof (r as ForecastRow).quarterStart === 'string',
  );
}

/**
 * Sums the forecast rows (one per quarter and dimension) per policy and quarter, quarters ascending and continuous
 * across policies, the organisation's own policy first.
 */
export function byPolicyAndQuarter(rows: ForecastRow[]): PolicyForecast[] {
  const quarters = [...new Set(rows.map((r) => r.quarterStart))].sort();
  const policies = [...new Set(rows.map((r) => r.policy ?? 'organisation'))].sort((a, b) =>
    a === 'organisation' ? -1 : b === 'organisation' ? 1 : a.localeCompare(b),
  );
  return policies.map((policy) => {
    const mine = rows.filter((r) => (r.policy ?? 'organisation') === policy);
    const qs = quarters.map((q) => {
      const inQ = mine.filter((r) => r.quarterStart === q);
      return {
        quarterStart: q,
        devices: inQ.reduce((s, r) => s + Number(r.devices || 0), 0),
        cost: inQ.reduce((s, r) => s + Number(r.cost || 0), 0),
        expectedOfflineDays: inQ.reduce((s, r) => s + Number(r.expectedOfflineDays || 0), 0),
      };
    });
    return {
      policy,
      quarters: qs,
      devices: qs.reduce((s, q) => s + q.devices, 0),
      cost: qs.reduce((s, q) => s + q.cost, 0),
      expectedOfflineDays: qs.reduce((s, q) => s + q.expectedOfflineDays, 0),
    };
  });
}

/** `2027-04-01` -> `2027 Q2`. */
export function quarterLabel(quarterStart: string): string {
  const [y, m] = quarterStart.split('-').map(Number);
  return `${y} Q${Math.floor(((m ?? 1) - 1) / 3) + 1}`;
}
