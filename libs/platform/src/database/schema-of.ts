import type { QueryRunner } from 'typeorm';

const identifier = /^[a-z_][a-z0-9_]{0,62}$/;

/** Throws unless `name` is a plain lowercase Postgres identifier, so it can be interpolated into DDL safely. */
export function assertSchemaName(name: string): string {
  if (!identifier.test(name)) throw new Error(`invalid schema name "${name}": use lowercase letters, digits and "_"`);
  return name;
}

/**
 * The schema a migration runs in (the DataSource's `schema`, i.e. DB_SCHEMA or a test's fresh schema).
 * Migrations qualify every name with it: `CREATE TABLE "${schemaOf(qr)}".devices (...)`.
 */
export function schemaOf(queryRunner: QueryRunner): string {
  const options = queryRunner.connection.options as { schema?: string };
  return assertSchemaName(options.schema ?? 'public');
}
