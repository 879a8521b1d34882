import { assertSchemaName } from './schema-of.js';

/** The role services connect as: it can log in, owns no table and cannot bypass row-level security. */
export const APP_ROLE = 'fleetward_app';

interface Queryable {
  query(sql: string): Promise<unknown>;
}

/**
 * Creates the schema and the app role when missing and gives the role usage + DML on everything the current (owner)
 * role creates in the schema from now on. Default privileges rather than a one-off "ON ALL TABLES" grant, so a
 * migration that narrows a grant (the audit table: INSERT and SELECT only) is not widened again by the next run.
 */
export async function prepareSchema(client: Queryable, schema: string, appRole = APP_ROLE): Promise<void> {
  const s = assertSchemaName(schema);
  const r = assertSchemaName(appRole);
  await client.query(`CREATE SCHEMA IF NOT EXISTS "${s}"`).catch(ignoreDuplicate);
  await client.query(`
    DO $$ BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${r}') THEN
        CREATE ROLE "${r}" LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
      ELSIF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${r}' AND (NOT rolcanlogin OR rolbypassrls OR rolsuper)) THEN
        ALTER ROLE "${r}" LOGIN NOSUPERUSER NOBYPASSRLS;
      END IF;
    EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
    END $$`);
  await client.query(`GRANT USAGE ON SCHEMA "${s}" TO "${r}"`);
  await client.query(
    `ALTER DEFAULT PRIVILEGES IN SCHEMA "${s}" GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO "${r}"`,
  );
  await client.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA "${s}" GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO "${r}"`);
}

/** Concurrent `CREATE ... IF NOT EXISTS` can still collide on the catalog's unique index; the object exists then. */
function ignoreDuplicate(err: { code?: string }): void {
  if (err.code !== '23505' && err.code !== '42P06') throw err;
}
