import { escapeLiteral } from 'pg';
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';

/** The Postgres setting read by every org row-level-security policy. */
export const ORG_SETTING = 'fleetward.org_id';

/**
 * Runs `fn` in a transaction scoped to one organisation: `fleetward.org_id` is set for that transaction only, so the
 * row-level-security policies show and accept only that organisation's rows.
 *
 * The transaction opens and takes the setting in one round trip (`START TRANSACTION; SELECT set_config(...)` as one
 * simple-protocol message) instead of two: on a request path of four or five statements that is a fifth of them.
 * TypeORM's `startTransaction` would send START TRANSACTION on its own, so the query runner is told it is in a
 * transaction the way `startTransaction` tells it (with-org.spec.ts holds nested transactions, rollback and the setting's
 * scope to this). Commit and rollback are TypeORM's.
 */
export async function withOrg<T>(dataSource: DataSource, orgId: string, fn: (manager: EntityManager) => Promise<T>): Promise<T> {
  if (!orgId) throw new Error('withOrg needs an organisation id');
  const runner = dataSource.createQueryRunner();
  try {
    await runner.query(`START TRANSACTION; SELECT set_config('${ORG_SETTING}', ${escapeLiteral(orgId)}, true)`);
    markTransactionStarted(runner);
    const result = await fn(runner.manager);
    await runner.commitTransaction();
    return result;
  } catch (err) {
    if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
    else await runner.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    await runner.release();
  }
}

/** What `QueryRunner.startTransaction` records after its START TRANSACTION (depth 1: nested calls use savepoints). */
function markTransactionStarted(runner: QueryRunner): void {
  const state = runner as unknown as { isTransactionActive: boolean; transactionDepth: number };
  if (typeof state.transactionDepth !== 'number' || state.transactionDepth !== 0)
    throw new Error('withOrg: the query runner does not track transactions as expected (TypeORM changed?)');
  state.isTransactionActive = true;
  state.transactionDepth = 1;
}
