#!/usr/bin/env node
// `npm run migrate`: creates the database if needed, then runs every service's migrations in its own schema
// (as the owner role), and sets up the application role that services connect as. Needs `npm run build` first.
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import pg from 'pg';
import { infraEnv } from './infra.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const services = ['gateway', 'inventory', 'health', 'lifecycle', 'notifier'];

async function ensureDatabase(url) {
  const u = new URL(url);
  const name = decodeURIComponent(u.pathname.slice(1));
  u.pathname = '/postgres';
  const client = new pg.Client({ connectionString: u.toString() });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await client.query(`CREATE DATABASE "${name.replaceAll('"', '""')}"`);
  } finally {
    await client.end();
  }
}

export async function migrateAll(env = infraEnv(), log = console.log) {
  await ensureDatabase(env.DATABASE_MIGRATION_URL);
  const { runMigrations } = await import(pathToFileURL(path.join(root, 'libs/platform/dist/index.js')).href);
  for (const service of services) {
    const mod = await import(pathToFileURL(path.join(root, `services/${service}/dist/migrations/index.js`)).href);
    const applied = await runMigrations({ databaseUrl: env.DATABASE_MIGRATION_URL, schema: service, migrations: mod.migrations });
    log(`migrate ${service}: ${Array.isArray(applied) ? `${applied.length} applied` : 'up to date'}`);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  migrateAll().catch((err) => {
    console.error(`migrate failed: ${err.message}`);
    process.exit(1);
  });
}
