import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import type { BootstrapArgs } from './bootstrap-args.js';
import { BootstrapService, type BootstrapResult } from './bootstrap.service.js';

/** Runs the bootstrap and keeps the key in `--out` (mode 600): returns what to print. */
export async function runBootstrap(
  dataSource: DataSource,
  args: BootstrapArgs,
): Promise<{ result: BootstrapResult; report: string }> {
  const existing = args.out && existsSync(args.out) ? readFileSync(args.out, 'utf8').trim() : null;
  const result = await new BootstrapService(dataSource).run(args.org, args.orgId, existing);
  if (args.out) {
    mkdirSync(path.dirname(path.resolve(args.out)), { recursive: true });
    writeFileSync(args.out, `${result.key}\n`, { mode: 0o600 });
  }
  const report =
    `organisation: ${args.org} (${result.orgId}) ${result.orgCreated ? 'created' : 'already there'}\n` +
    `admin key (${result.keyCreated ? 'new, shown once' : 'unchanged'}): ${result.key}\n` +
    (args.out ? `written to ${args.out}\n` : '');
  return { result, report };
}
