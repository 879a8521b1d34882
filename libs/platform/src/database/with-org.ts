import type { DataSource, EntityManager } from 'typeorm';

/** The Postgres setting read by every org row-level-security policy. */
export const ORG_SETTING = 'fleetward.org_id';

/**
 * Runs `fn` in a transaction scoped to one organisation: `fleetward.org_id` is set for that transaction only, so the
 * row-level-security policies show and accept only that organisation's rows.
 */
export async function withOrg<T>(dataSource: DataSource, orgId: string, fn: (manager: EntityManager) => Promise<T>): Promise<T> {
  if (!orgId) throw new Error('withOrg needs an organisation id');
  return dataSource.transaction(async (manager) => {
    await manager.query('SELECT set_config($1, $2, true)', [ORG_SETTING, orgId]);
    return fn(manager);
  });
}
