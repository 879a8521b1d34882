import pg from 'pg';
import { DataSource, type EntitySchema, type MixedList } from 'typeorm';
import { APP_ROLE } from '../database/app-role.js';
import type { MigrationClass } from '../database/platform-migrations.js';
import { runMigrations } from '../database/run-migrations.js';
import { uniqueId } from './unique-id.js';

// Test helpers may read the environment: they are not service code. Default: the local trust-auth server.
const OWNER_URL = process.env['FLEETWARD_TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/fleetward_test';

export interface TestDatabaseOptions {
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities?: MixedList<Function | string | EntitySchema>;
  /** The service's migrations; the platform ones (outbox, inbox) always run first. */
  migrations?: MigrationClass[];
}

export interface TestDatabase {
  /** Connected as the app role `fleetward_app`, like a running service: row-level security applies. */
  dataSource: DataSource;
  /** Connected as the owner (superuser here): DDL, fixtures that must ignore row-level security. */
  ownerDataSource: DataSource;
  /** A fresh schema, only this call's. */
  schema: string;
  /** Connection URLs a child process can use (DATABASE_URL / DATABASE_MIGRATION_URL). */
  appUrl: string;
  ownerUrl: string;
  /** Closes both DataSources and drops the schema. */
  drop(): Promise<void>;
}

/** A fresh schema in the `fleetward_test` database (created when missing), migrated, with owner and app DataSources. */
export async function testDatabase(options: TestDatabaseOptions = {}): Promise<TestDatabase> {
  await ensureDatabase(OWNER_URL);
  const schema = uniqueId('t');
  const appUrl = withUser(OWNER_URL, APP_ROLE);
  await runMigrations({ databaseUrl: OWNER_URL, schema, migrations: options.migrations ?? [] });
  const ownerDataSource = await open(OWNER_URL, schema, options.entities);
  const dataSource = await open(appUrl, schema, options.entities);
  return {
    dataSource,
    ownerDataSource,
    schema,
    appUrl,
    ownerUrl: OWNER_URL,
    async drop() {
      await dataSource.destroy();
      await ownerDataSource.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await ownerDataSource.destroy();
    },
  };
}

async function open(url: string, schema: string, entities: TestDatabaseOptions['entities'] = []): Promise<DataSource> {
  const ds = new DataSource({
    type: 'postgres',
    url,
    schema,
    entities,
    synchronize: false,
    extra: { options: `-c search_path=${schema}`, max: 4 },
  });
  return ds.initialize();
}

function withUser(url: string, user: string): string {
  const u = new URL(url);
  u.username = user;
  u.password = '';
  return u.toString();
}

let ensured: Promise<void> | undefined;

function ensureDatabase(url: string): Promise<void> {
  ensured ??= (async () => {
    const target = new URL(url);
    const name = decodeURIComponent(target.pathname.slice(1));
    target.pathname = '/postgres';
    const client = new pg.Client({ connectionString: target.toString() });
    await client.connect();
    try {
      const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
      if (!rowCount) {
        // Parallel test files race here; losing the race is fine.
        await client.query(`CREATE DATABASE "${name.replaceAll('"', '""')}"`).catch((err: { code?: string }) => {
          if (err.code !== '42P04' && err.code !== '23505') throw err;
        });
      }
    } finally {
      await client.end();
    }
  })();
  return ensured;
}
