/** The production settings of the engines (ARCHITECTURE.md, "Never lose, never double"). */
import type { Loose } from './objects.js';

/** The oldest NATS server Fleetward runs on: the 2.12 patch with this year's security and JetStream fixes. */
export const MIN_NATS_VERSION = [2, 12, 8] as const;

/** `nats:2.12.8-alpine` (an image reference anywhere: compose, dev overlay) is at least MIN_NATS_VERSION. */
export function natsImageProblems(image: string, origin: string): string[] {
  const tag = /^(?:.*\/)?nats:(.+)$/.exec(image)?.[1] ?? '';
  return versionAtLeast(tag, MIN_NATS_VERSION)
    ? []
    : [`${origin}: NATS image ${image} must be a server >= ${MIN_NATS_VERSION.join('.')}`];
}

export function versionAtLeast(tag: string, min: readonly number[]): boolean {
  const m = /^v?(\d+)\.(\d+)\.(\d+)/.exec(tag);
  if (!m) return false;
  const v = [Number(m[1]), Number(m[2]), Number(m[3])];
  for (let i = 0; i < 3; i++) if (v[i] !== min[i]) return v[i]! > min[i]!;
  return true;
}

/** Values for the official NATS Helm chart (1.x layout): 3-node JetStream cluster, file store, fsync always. */
export function natsValuesProblems(values: Loose): string[] {
  const problems: string[] = [];
  const tag = String(values?.container?.image?.tag ?? '');
  if (!versionAtLeast(tag, MIN_NATS_VERSION))
    problems.push(`NATS image tag "${tag}" must be a server >= ${MIN_NATS_VERSION.join('.')}`);
  const cluster = values?.config?.cluster ?? {};
  if (cluster.enabled !== true) problems.push('config.cluster.enabled must be true');
  if (cluster.replicas !== 3) problems.push(`config.cluster.replicas must be 3 (R3), got ${cluster.replicas}`);
  const js = values?.config?.jetstream ?? {};
  if (js.enabled !== true) problems.push('config.jetstream.enabled must be true');
  if (js.fileStore?.enabled !== true) problems.push('config.jetstream.fileStore.enabled must be true');
  if (js.fileStore?.pvc?.enabled !== true)
    problems.push('config.jetstream.fileStore.pvc.enabled must be true (persistent volumes)');
  if (js.merge?.sync_interval !== 'always') problems.push('config.jetstream.merge.sync_interval must be "always"');
  return problems;
}

/** Redis directives BullMQ needs, from a redis.conf text: AOF on and never evict keys. */
export function redisConfProblems(conf: string, origin: string): string[] {
  // redis.conf text, e.g. a managed Redis's parameter list exported as `name value` lines.
  const directives = new Map<string, string>();
  for (const line of conf.split('\n')) {
    const m = /^\s*([a-z-]+)\s+(.+?)\s*$/.exec(line);
    if (m && !line.trim().startsWith('#')) directives.set(m[1]!, m[2]!.replace(/^"|"$/g, ''));
  }
  return redisDirectiveProblems(directives, origin);
}

/** The same directives given as `redis-server --appendonly yes --maxmemory-policy noeviction` arguments. */
export function redisArgsProblems(args: string[], origin: string): string[] {
  const directives = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    if (args[i]!.startsWith('--') && i + 1 < args.length) directives.set(args[i]!.slice(2), args[i + 1]!);
  }
  return redisDirectiveProblems(directives, origin);
}

/** `1536mb`, `2gb`, `1073741824` -> bytes (redis.conf units are powers of 1024 for mb/gb). */
export function redisBytes(v: string | undefined): number {
  const m = /^(\d+)(kb|mb|gb|k|m|g)?$/i.exec(v ?? '');
  if (!m) return NaN;
  const unit = (m[2] ?? '').toLowerCase();
  const factor = unit.startsWith('g') ? 1024 ** 3 : unit.startsWith('m') ? 1024 ** 2 : unit.startsWith('k') ? 1024 : 1;
  return Number(m[1]) * factor;
}

/**
 * AOF on, never evict, and a maxmemory: without it `noeviction` never applies and Redis grows until it is OOM-killed
 * (with every queued job). With a container memory limit, maxmemory leaves a fifth of it for AOF rewrites.
 */
function redisDirectiveProblems(d: Map<string, string>, origin: string, memoryLimitBytes?: number): string[] {
  const problems: string[] = [];
  if (d.get('appendonly') !== 'yes') problems.push(`${origin}: appendonly must be yes`);
  if (d.get('maxmemory-policy') !== 'noeviction') problems.push(`${origin}: maxmemory-policy must be noeviction`);
  const max = redisBytes(d.get('maxmemory'));
  if (!(max > 0)) problems.push(`${origin}: maxmemory must be set (else noeviction never applies)`);
  else if (memoryLimitBytes !== undefined && max > 0.8 * memoryLimitBytes)
    problems.push(`${origin}: maxmemory ${d.get('maxmemory')} leaves under 20 % of the memory limit for AOF rewrites`);
  return problems;
}

/** A Redis container started as `redis-server --flag value ...`, directly or through `sh -c "exec redis-server ..."`. */
export function redisContainerProblems(
  c: { image?: string; command?: string[]; args?: string[]; resources?: { limits?: Record<string, string> } },
  origin: string,
  quantityBytes: (q: string | undefined) => number,
): string[] {
  const words = [...(c.command ?? []), ...(c.args ?? [])]
    .flatMap((a) => a.split(/\s+/))
    .map((w) => w.replace(/^'|'$/g, ''));
  const directives = new Map<string, string>();
  for (let i = 0; i < words.length; i++)
    if (words[i]!.startsWith('--') && i + 1 < words.length) directives.set(words[i]!.slice(2), words[i + 1]!);
  const problems = redisDirectiveProblems(directives, origin, quantityBytes(c.resources?.limits?.memory));
  if (/bitnami/.test(c.image ?? '')) problems.push(`${origin}: Bitnami images are frozen (no security fixes)`);
  return problems;
}

/** A NATS server started from the command line has JetStream on. */
export function natsArgsProblems(args: string[], origin: string): string[] {
  return args.includes('--jetstream') || args.includes('-js') ? [] : [`${origin}: NATS runs without --jetstream`];
}
