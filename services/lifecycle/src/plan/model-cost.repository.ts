import type { EntityManager } from 'typeorm';
import { nameKey } from '../projection/projection.types.js';

export interface ModelCost {
  vendor: string;
  model: string;
  defaultCost: number;
}

/** The organisation's default replacement cost per model: a plan item's estimate when the device has no cost. */
export class ModelCostRepository {
  async set(m: EntityManager, orgId: string, items: readonly ModelCost[]): Promise<void> {
    await m.query(
      `INSERT INTO model_cost (org_id, vendor_key, model_key, default_cost)
       SELECT $1, v, mo, c FROM unnest($2::text[], $3::text[], $4::numeric[]) AS x(v, mo, c)
       ON CONFLICT (org_id, vendor_key, model_key) DO UPDATE SET default_cost = EXCLUDED.default_cost`,
      [orgId, items.map((i) => nameKey(i.vendor)), items.map((i) => nameKey(i.model)), items.map((i) => i.defaultCost)],
    );
  }

  list(m: EntityManager, orgId: string): Promise<ModelCost[]> {
    return m.query(
      `SELECT vendor_key AS vendor, model_key AS model, default_cost::float8 AS "defaultCost"
       FROM model_cost WHERE org_id = $1 ORDER BY 1, 2`,
      [orgId],
    );
  }
}
