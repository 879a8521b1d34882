import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { MigrationClass } from '../database/platform-migrations.js';
import { testCallerKeys } from './test-caller.js';

export interface ServiceProcess {
  child: ChildProcess;
  port: number;
  /** Everything the process wrote so far (stdout and stderr). */
  output(): string;
  /** Sends `signal` and resolves with the exit code (null when killed by a signal). */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/**
 * Builds a project with `tsc -b` (for a jest run without `npm run build`; after it, this is a quick up-to-date check).
 * Builds are serialised with `flock` where available: parallel test files share the referenced libraries' dist/.
 * Type errors still emit; `npm run build` is where they fail the run.
 */
export function buildProject(projectDir: string): void {
  const tsc = [process.execPath, tscBin(projectDir), '-b', projectDir];
  const locked = spawnSync('flock', [path.join(os.tmpdir(), 'fleetward-tsc-build.lock'), ...tsc], { stdio: 'ignore' });
  if (locked.error) spawnSync(tsc[0]!, tsc.slice(1), { stdio: 'ignore' });
  if (!existsSync(path.join(projectDir, 'dist/main.js')) && !existsSync(path.join(projectDir, 'dist/index.js'))) {
    throw new Error(`building ${projectDir} produced no dist/`);
  }
}

function tscBin(projectDir: string): string {
  let dir = projectDir;
  while (!existsSync(path.join(dir, 'node_modules/typescript/bin/tsc'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('typescript not installed');
    dir = parent;
  }
  return path.join(dir, 'node_modules/typescript/bin/tsc');
}

/** The service's built migrations (`dist/migrations/index.js` exporting `migrations`), or none. */
export async function builtMigrations(projectDir: string): Promise<MigrationClass[]> {
  const file = path.join(projectDir, 'dist/migrations/index.js');
  if (!existsSync(file)) return [];
  const mod = (await import(pathToFileURL(file).href)) as { migrations?: MigrationClass[] };
  return mod.migrations ?? [];
}

/** Runs `node <entry>` until it exits, returning its exit code and output (for boot failures). */
export function runToExit(entry: string, env: Record<string, string | undefined>, timeoutMs = 25_000) {
  const result = spawnSync(process.execPath, [entry], { env: cleanEnv(env), encoding: 'utf8', timeout: timeoutMs });
  return { code: result.status, output: `${result.stdout}${result.stderr}` };
}

/** Starts `node <entry>` and resolves once it logs the port it listens on (runService's `listening` line). */
export function startServiceProcess(
  entry: string,
  env: Record<string, string | undefined>,
  timeoutMs = 25_000,
): Promise<ServiceProcess> {
  const child = spawn(process.execPath, [entry], { env: cleanEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${entry} did not start within ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /"port":(\d+)/.exec(output);
      if (!match) return;
      clearTimeout(timer);
      resolve({
        child,
        port: Number(match[1]),
        output: () => output,
        stop: (signal = 'SIGTERM') => {
          if (child.exitCode === null && child.signalCode === null) child.kill(signal);
          return exited;
        },
      });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`${entry} exited with ${code} before listening:\n${output}`));
    });
  });
}

/** The child gets only what the test passes plus PATH/HOME, so a developer's shell variables cannot leak in. */
function cleanEnv(env: Record<string, string | undefined>): NodeJS.ProcessEnv {
  // NATS_URL: the test file's own NATS account (see test-nats.ts), unless the test names another. The caller-assertion
  // keys of the test file (see test-caller.ts): services trust them, a gateway signs with them.
  const base = {
    PATH: process.env['PATH'],
    HOME: process.env['HOME'],
    NODE_OPTIONS: '',
    NATS_URL: process.env['NATS_URL'],
    ...testCallerKeys(),
  };
  return Object.fromEntries(
    Object.entries({ ...base, ...env }).filter(([, v]) => v !== undefined),
  ) as NodeJS.ProcessEnv;
}
