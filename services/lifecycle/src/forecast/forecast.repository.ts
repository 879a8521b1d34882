import type { EntityManager } from 'typeorm';
import { preparePolicies } from '../plan/plan.repository.js';
import { policyKinds, type PolicyKind } from '../policies/replacement-policy.schema.js';
import { forecastSql, type ForecastDimension } from './forecast.sql.js';

export type ForecastPolicy = 'organisation' | PolicyKind;

export interface ForecastRow {
  policy: ForecastPolicy;
  quarterStart: string;
  siteId: string | null;
  deviceType: string | null;
  reason: string | null;
  devices: number;
  cost: number;
  expectedOfflineDays: number;
}

/**
 * The organisation's forecast under its own policies, then the same fleet under each single policy kind, side by
 * side. Each pass is one set-based statement over the fleet; all run in the caller's transaction.
 */
export class ForecastRepository {
  async forecast(
    m: EntityManager,
    orgId: string,
    asOf: Date,
    years: number,
    dimensions: readonly ForecastDimension[],
  ): Promise<ForecastRow[]> {
    const out: ForecastRow[] = [];
    const sql = forecastSql(dimensions);
    for (const policy of ['organisation', ...policyKinds] as ForecastPolicy[]) {
      const params = await preparePolicies(m, orgId, asOf, policy === 'organisation' ? 'effective' : policy);
      const rows: Array<Record<string, string & number>> = await m.query(sql, [...params, years]);
      for (const r of rows) {
        out.push({
          policy,
          quarterStart: r['quarter_start'],
          siteId: r['site_id'],
          deviceType: r['device_type'],
          reason: r['reason'],
          devices: r['devices'],
          cost: r['cost'],
          expectedOfflineDays: r['expected_offline_days'],
        });
      }
    }
    return out;
  }
}
