import type { DataSource, EntityManager } from 'typeorm';

type HasOptions = { options: { schema?: string } };

/** The Postgres schema a DataSource works in (`DB_SCHEMA`, or a fresh per-test schema); `public` when unset. */
export function schemaOfDataSource(dataSource: DataSource): string {
  return (dataSource as unknown as HasOptions).options.schema ?? 'public';
}

export function schemaOfManager(manager: EntityManager): string {
  return schemaOfDataSource(manager.connection);
}

/** Double-quotes an identifier for SQL (schema names come from configuration, never from a request). */
export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** Channel the outbox trigger notifies on; one per schema so one service's inserts wake only its own relays. */
export function outboxChannel(schema: string): string {
  return `${schema}.outbox`;
}
