import { Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { EntitySchema, MixedList } from 'typeorm';
import type { BaseConfig } from '../config/base-config.js';
import { APP_CONFIG } from '../config/tokens.js';
import { initializeWithRetry } from './initialize-with-retry.js';
import { platformMigrations, type MigrationClass } from './platform-migrations.js';

export interface DatabaseModuleOptions {
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | string | EntitySchema>;
  migrations?: MigrationClass[];
}

/**
 * The service's TypeORM DataSource on DATABASE_URL (the app role) in schema DB_SCHEMA. Never synchronises and never
 * migrates at boot: `npm run migrate` (runMigrations, as the owner) does that before services start.
 */
@Module({})
export class DatabaseModule {
  static forRoot(options: DatabaseModuleOptions): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [APP_CONFIG],
          useFactory: (config: BaseConfig) => ({
            type: 'postgres' as const,
            url: config.DATABASE_URL,
            schema: config.DB_SCHEMA,
            entities: options.entities,
            migrations: [...platformMigrations, ...(options.migrations ?? [])],
            migrationsTableName: 'migrations',
            synchronize: false,
            migrationsRun: false,
            // Unqualified names in raw SQL resolve in the service's schema too (a startup parameter: PgBouncer must
            // run in session mode, or track search_path, see docs/operations.md). `max` bounds the pool.
            extra: { options: `-c search_path=${config.DB_SCHEMA}`, max: config.DB_POOL_SIZE },
            // initializeWithRetry waits for an unreachable Postgres (capped backoff, no limit) and fails at once on a
            // permanent error; Nest's own retry (a fixed delay, then give up) stays out of the way.
            retryAttempts: 1,
            connectTimeoutMS: 5000,
          }),
          dataSourceFactory: (dsOptions) => initializeWithRetry(dsOptions!),
        }),
      ],
      exports: [TypeOrmModule],
    };
  }
}
