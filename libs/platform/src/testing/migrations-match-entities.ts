import type { TestDatabaseOptions } from './test-database.js';
import { testDatabase } from './test-database.js';

/**
 * Runs the migrations in a fresh schema, then asks TypeORM what it would change to fit the entities. Returns those
 * statements: an empty list means entities and migrations agree. Use in each service:
 * `expect(await schemaDrift({ entities, migrations })).toEqual([])`.
 */
export async function schemaDrift(options: Required<Pick<TestDatabaseOptions, 'entities' | 'migrations'>>): Promise<string[]> {
  const db = await testDatabase(options);
  try {
    const sql = await db.ownerDataSource.driver.createSchemaBuilder().log();
    return sql.upQueries.map((q) => q.query);
  } finally {
    await db.drop();
  }
}
