import { invalidValues, parseWhole, type ServiceConfig } from './config-schemas.js';
import { natsArgsProblems, redisArgsProblems } from './check-engines.js';
import { SETUP_SCRIPTS } from './check-setup.js';

interface ComposeService {
  image?: string;
  build?: { context?: string; dockerfile?: string; args?: Record<string, string>; target?: string };
  command?: string[] | string;
  environment?: Record<string, string | number | boolean> | string[];
  depends_on?: Record<string, { condition?: string }> | string[];
  read_only?: boolean;
  user?: string;
}
export interface ComposeFile {
  services: Record<string, ComposeService>;
}

const asArgs = (c: ComposeService['command']) => (Array.isArray(c) ? c.map(String) : String(c ?? '').split(/\s+/));

const FROM_OPERATOR = /^\$\{[A-Za-z_][A-Za-z0-9_]*:\?[^}]*\}$/;

function envOf(s: ComposeService): Record<string, string> {
  if (Array.isArray(s.environment)) {
    return Object.fromEntries(s.environment.map((e) => [e.split('=')[0]!, e.slice(e.indexOf('=') + 1)]));
  }
  return Object.fromEntries(Object.entries(s.environment ?? {}).map(([k, v]) => [k, String(v)]));
}

/** Engines with their production-relevant flags, and the setup steps run once before the services start. */
export function composeEngineProblems(file: ComposeFile): string[] {
  const problems: string[] = [];
  const s = file.services ?? {};
  for (const name of ['nats', 'postgres', 'redis', 'nats-provision', 'migrate']) {
    if (!s[name]) problems.push(`compose: no service ${name}`);
  }
  if (s.nats) problems.push(...natsArgsProblems(asArgs(s.nats.command), 'compose nats'));
  if (s.redis) problems.push(...redisArgsProblems(asArgs(s.redis.command), 'compose redis'));
  if (s['nats-provision'] && !asArgs(s['nats-provision'].command).includes(SETUP_SCRIPTS.provision.script)) {
    problems.push(`compose nats-provision does not run ${SETUP_SCRIPTS.provision.script}`);
  }
  if (s.migrate && !asArgs(s.migrate.command).includes(SETUP_SCRIPTS.migrate.script)) {
    problems.push(`compose migrate does not run ${SETUP_SCRIPTS.migrate.script}`);
  }
  if (s.migrate && !envOf(s.migrate).DATABASE_MIGRATION_URL)
    problems.push('compose migrate: DATABASE_MIGRATION_URL is not set');
  if (s['nats-provision'] && !envOf(s['nats-provision']).NATS_URL)
    problems.push('compose nats-provision: NATS_URL is not set');
  return problems;
}

/** A Fleetward service in compose: built from the one Dockerfile, hardened, started after setup, fully configured. */
export function composeServiceProblems(file: ComposeFile, config: ServiceConfig): string[] {
  const name = config.service;
  const s = file.services?.[name];
  if (!s) return [`compose: no service ${name}`];
  const where = `compose ${name}`;
  const problems: string[] = [];
  if (s.build?.dockerfile !== 'Dockerfile' || s.build.args?.SERVICE !== name)
    problems.push(`${where}: must build the one Dockerfile with SERVICE=${name}`);
  if (s.read_only !== true) problems.push(`${where}: read_only must be true`);
  const uid = String(s.user ?? '').split(':')[0];
  if (!/^\d+$/.test(uid) || uid === '0') problems.push(`${where}: user must be a numeric non-root uid`);
  const deps = Array.isArray(s.depends_on) ? {} : (s.depends_on ?? {});
  for (const step of ['nats-provision', 'migrate']) {
    if (deps[step]?.condition !== 'service_completed_successfully')
      problems.push(`${where}: must wait for ${step} to complete`);
  }
  const env = envOf(s);
  for (const v of config.required) if (!(v in env)) problems.push(`${where}: ${v} is required but not set`);
  // `${NAME:?message}`: given by the operator when compose runs (a key pair, deploy/.env); compose refuses to start
  // without it. Like an external Secret in an overlay: provided, its value unknown here.
  const known = Object.fromEntries(Object.entries(env).filter(([, v]) => !FROM_OPERATOR.test(v)));
  problems.push(...invalidValues(config, known).map((p) => `${where}: ${p}`));
  if (Object.keys(known).length === Object.keys(env).length)
    problems.push(...parseWhole(config, env).map((p) => `${where}: ${p}`));
  return problems;
}
