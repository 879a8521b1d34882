#!/usr/bin/env node
// Creates the first organisation and an admin API key (idempotent): `node services/gateway/dist/cli/bootstrap.js
// --org "Demo" --out .fleetward/demo-admin-key`. Prints the key and writes it to --out (mode 600) when given.
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { baseConfigSchema, loadConfig } from '@fleetward/platform';
import { parseBootstrapArgs } from './bootstrap-args.js';
import { runBootstrap } from './bootstrap-command.js';

const cliConfigSchema = baseConfigSchema.pick({ DATABASE_URL: true }).extend({
  DB_SCHEMA: baseConfigSchema.shape.DB_SCHEMA.default('gateway'),
});

async function main(): Promise<void> {
  const args = parseBootstrapArgs(process.argv.slice(2));
  const config = loadConfig(cliConfigSchema);
  const dataSource = new DataSource({
    type: 'postgres',
    url: config.DATABASE_URL,
    schema: config.DB_SCHEMA,
    extra: { options: `-c search_path=${config.DB_SCHEMA}`, max: 2 },
  });
  await dataSource.initialize();
  try {
    const { report } = await runBootstrap(dataSource, args);
    process.stdout.write(report);
  } finally {
    await dataSource.destroy();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bootstrap failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
