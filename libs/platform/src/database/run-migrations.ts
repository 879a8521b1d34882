import { DataSource, type Migration } from 'typeorm';
import { prepareSchema, APP_ROLE } from './app-role.js';
import { platformMigrations, type MigrationClass } from './platform-migrations.js';
import { assertSchemaName } from './schema-of.js';

export interface RunMigrationsOptions {
  /** Owner connection (DATABASE_MIGRATION_URL, default DATABASE_URL). */
  databaseUrl: string;
  schema: string;
  migrations: MigrationClass[];
  appRole?: string;
  /** Leave the outbox/inbox migrations out (only for tests of the migration machinery itself). */
  withoutPlatformMigrations?: boolean;
}

/**
 * Brings one service schema up to date, as the owner: creates the schema and the app role, sets the role's grants,
 * then runs the platform and service migrations not applied yet (in timestamp order), each in its own transaction.
 * Returns the migrations applied by this call (empty when already up to date).
 */
export async function runMigrations(options: RunMigrationsOptions): Promise<Migration[]> {
  const schema = assertSchemaName(options.schema);
  const dataSource = ownerDataSource(options.databaseUrl, schema, [
    ...(options.withoutPlatformMigrations ? [] : platformMigrations),
    ...options.migrations,
  ]);
  await dataSource.initialize();
  try {
    await prepareSchema(dataSource, schema, options.appRole ?? APP_ROLE);
    return await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await dataSource.destroy();
  }
}

function ownerDataSource(url: string, schema: string, migrations: MigrationClass[]): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    schema,
    migrations,
    migrationsTableName: 'migrations',
    entities: [],
    synchronize: false,
    migrationsRun: false,
    extra: { options: `-c search_path=${schema}`, max: 2 },
  });
}
