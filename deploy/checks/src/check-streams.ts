import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { deployDir, repoRoot } from './paths.js';

export interface StreamDef {
  file: string;
  name: string;
  subjects: string[];
  storage?: string;
}
export interface ConsumerDef {
  file: string;
  stream: string;
  durable_name: string;
  filter_subject?: string;
}

function readJsonDir<T>(dir: string): (T & { file: string })[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => ({ file: f, ...(JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as T) }));
}

export const provisionedStreams = (nats = path.join(deployDir, 'nats')) =>
  readJsonDir<StreamDef>(path.join(nats, 'streams'));
export const provisionedConsumers = (nats = path.join(deployDir, 'nats')) =>
  readJsonDir<ConsumerDef>(path.join(nats, 'consumers'));

/** True when every subject `filter` can match is also matched by the stream subject `pattern`. */
export function subjectCovered(filter: string, pattern: string): boolean {
  const f = filter.split('.');
  const p = pattern.split('.');
  for (let i = 0; i < p.length; i++) {
    if (p[i] === '>') return f.length > i;
    if (i >= f.length) return false;
    if (p[i] === '*') {
      if (f[i] === '>') return false;
      continue;
    }
    if (p[i] !== f[i]) return false;
  }
  return f.length === p.length;
}

/**
 * The streams declared in libs/contracts (what services code against) and deploy/nats (what is provisioned) agree,
 * every consumer reads a provisioned stream through a filter that stream carries, and all streams are file-backed
 * (R3 file storage in production).
 */
export function streamProblems(
  declared: { name: string; subjects: readonly string[] }[],
  streams: StreamDef[],
  consumers: ConsumerDef[],
): string[] {
  const problems: string[] = [];
  const byName = new Map(streams.map((s) => [s.name, s]));
  for (const d of declared) {
    const s = byName.get(d.name);
    if (!s) {
      problems.push(`stream ${d.name} (libs/contracts/src/streams.ts) is not provisioned in deploy/nats/streams`);
      continue;
    }
    const want = [...d.subjects].sort().join(' ');
    const have = [...(s.subjects ?? [])].sort().join(' ');
    if (want !== have)
      problems.push(`stream ${d.name}: contracts subjects [${want}] but deploy/nats/${s.file} has [${have}]`);
  }
  for (const s of streams) {
    if (!declared.some((d) => d.name === s.name))
      problems.push(`deploy/nats/streams/${s.file}: ${s.name} is not declared in libs/contracts`);
    if ((s.storage ?? 'file') !== 'file') problems.push(`stream ${s.name}: storage must be file`);
  }
  for (const c of consumers) {
    const s = byName.get(c.stream);
    if (!s)
      problems.push(
        `consumer ${c.durable_name} (deploy/nats/consumers/${c.file}) reads stream ${c.stream}, which is not provisioned`,
      );
    else if (c.filter_subject && !s.subjects.some((p) => subjectCovered(c.filter_subject!, p))) {
      problems.push(
        `consumer ${c.durable_name}: filter ${c.filter_subject} is outside stream ${c.stream} (${s.subjects.join(', ')})`,
      );
    }
  }
  return problems;
}

function sourceFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((f) => {
    const full = path.join(dir, f);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return f.endsWith('.ts') && !f.endsWith('.spec.ts') ? [full] : [];
  });
}

/** Stream names spelled in the services' and the platform's code (`FLEET_...` literals): each must be provisioned. */
export function streamNamesUsedInCode(root = repoRoot): Map<string, string> {
  const used = new Map<string, string>();
  const dirs = [
    path.join(root, 'libs/platform/src'),
    ...readdirSync(path.join(root, 'services')).map((s) => path.join(root, 'services', s, 'src')),
  ];
  for (const file of dirs.flatMap(sourceFiles)) {
    for (const m of readFileSync(file, 'utf8').matchAll(/['"`](FLEET_[A-Z0-9_]+)['"`]/g))
      used.set(m[1]!, path.relative(root, file));
  }
  return used;
}

export interface StreamLimits extends StreamDef {
  max_bytes?: number;
  discard?: string;
}

/** `45Gi`, `512Mi`, `2G` -> bytes. */
export function quantityBytes(q: string | number | undefined): number {
  if (typeof q === 'number') return q;
  const m = /^(\d+(?:\.\d+)?)([KMGT]i?)?$/.exec(String(q ?? '').trim());
  if (!m) return NaN;
  const unit = m[2] ?? '';
  const pow = { '': 0, K: 1, M: 2, G: 3, T: 4 }[unit[0] ?? ''] ?? 0;
  return Number(m[1]) * (unit.endsWith('i') ? 1024 : 1000) ** pow;
}

/**
 * Every stream is bounded (`max_bytes`) with an explicit discard policy; the event stream refuses new messages when
 * full (`new`: the outboxes keep them and retry, nothing is lost) rather than dropping the oldest ones a lagging
 * consumer has not read yet. All streams together fit the JetStream store they are provisioned on.
 */
export function streamLimitProblems(streams: StreamLimits[], storeBytes: number, origin: string): string[] {
  const problems: string[] = [];
  for (const s of streams) {
    if (!(Number(s.max_bytes) > 0)) problems.push(`stream ${s.name}: max_bytes must be set (a bounded stream)`);
    if (s.discard !== 'old' && s.discard !== 'new') problems.push(`stream ${s.name}: discard must be "old" or "new"`);
  }
  const events = streams.find((s) => s.name === 'FLEET_EVENTS');
  if (events && events.discard !== 'new')
    problems.push('stream FLEET_EVENTS: discard must be "new" (a full stream must refuse, not drop unread events)');
  const total = streams.reduce((sum, s) => sum + (Number(s.max_bytes) > 0 ? Number(s.max_bytes) : 0), 0);
  if (!(total <= storeBytes))
    problems.push(`${origin}: streams reserve ${total} bytes, more than the JetStream store (${storeBytes})`);
  return problems;
}
