/**
 * Vendor firmware versions mapped to a key that sorts correctly as plain bytes (`COLLATE "C"`), so Postgres can compare
 * versions set-based (`device.version_key < release.version_key`) with an ordinary btree index.
 *
 * Key layout: the numeric release components, then one qualifier, then an optional build number.
 *   component   "." + 12 digits          trailing zero components are dropped: 1.2 == 1.2.0
 *   qualifier   "(" pre-release (alpha < beta < rc), ")" plain release, "*" post-release (1.2.3a, -r2, -p1, hotfix)
 *   build       "~" + 12 digits           only breaks ties: 5.5.0 build 230301 < 5.5.0 build 230415
 * "(" < ")" < "*" < "." so 1.2-rc1 < 1.2 < 1.2a < 1.2.1, and a missing build sorts before any build.
 */

const WIDTH = 12;
const pad = (n: bigint | number): string => {
  const s = String(n);
  return s.length >= WIDTH ? s.slice(-WIDTH) : '0'.repeat(WIDTH - s.length) + s;
};

/** Words vendors put in a version that say nothing about its order (track or channel labels). */
const LABELS = new Set([
  'lts',
  'sts',
  'ga',
  'release',
  'rel',
  'stable',
  'final',
  'r',
  'std',
  'esr',
  'mr',
  'fw',
  'firmware',
]);
const PRE_RANK: Record<string, number> = { dev: 1, alpha: 2, a: 2, beta: 3, b: 3, pre: 4, preview: 4, rc: 5, cr: 5 };
const POST_WORDS = new Set(['r', 'rev', 'p', 'patch', 'hotfix', 'hf', 'sp', 'u', 'update', 'fix', 'post']);

export interface ParsedVersion {
  components: bigint[];
  qualifier: { kind: 'pre'; rank: number; n: bigint } | { kind: 'release' } | { kind: 'post'; n: bigint; tag: string };
  build: bigint | null;
}

/** Builds: "build 230301", "_build_220722", "Build230301", "(build 230301)", and a date stamp "_20230712". */
const BUILD_RE = /[\s_.,(-]*(?:build|bld)[\s_.:-]*(\d+)\)?\s*$/i;
const DATE_STAMP_RE = /[_\s]+(\d{6}|\d{8})\s*$/;

export function parseVersion(raw: string): ParsedVersion | null {
  let s = raw.trim().toLowerCase();
  if (!s) return null;
  let build: bigint | null = null;
  const b = BUILD_RE.exec(s);
  if (b && b.index > 0) {
    build = BigInt(b[1]!);
    s = s.slice(0, b.index);
  } else {
    const d = DATE_STAMP_RE.exec(s);
    if (d && d.index > 0 && /\d[.]\d/.test(s.slice(0, d.index))) {
      build = BigInt(d[1]!);
      s = s.slice(0, d.index);
    }
  }
  const start = s.search(/\d/);
  if (start < 0) return null;
  s = s.slice(start);
  const main = /^\d+(?:\.\d+)*/.exec(s)!;
  const components = main[0].split('.').map((x) => BigInt(x));
  while (components.length > 1 && components[components.length - 1] === 0n) components.pop();
  const rest = s.slice(main[0].length);
  return { components, qualifier: qualifierOf(rest), build };
}

function qualifierOf(rest: string): ParsedVersion['qualifier'] {
  // A lone letter glued to the last number is a vendor patch letter: 1.2.3a, 23.2b.
  const letter = /^([a-z])(?![a-z\d])/.exec(rest);
  if (letter && letter[1] !== 'r') return { kind: 'post', n: BigInt(letter[1]!.charCodeAt(0) - 96), tag: '' };
  const tokens = rest.split(/[^a-z\d]+|(?<=[a-z])(?=\d)|(?<=\d)(?=[a-z])/).filter(Boolean);
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const next = tokens[i + 1];
    const num = next !== undefined && /^\d+$/.test(next) ? BigInt(next) : null;
    if (t in PRE_RANK && (num !== null || t.length > 1)) return { kind: 'pre', rank: PRE_RANK[t]!, n: num ?? 0n };
    if (POST_WORDS.has(t) && num !== null) return { kind: 'post', n: num, tag: '' };
    if (/^\d+$/.test(t) || LABELS.has(t)) continue;
    return { kind: 'post', n: num ?? 0n, tag: t };
  }
  return { kind: 'release' };
}

/** The sortable key of a version string, or `null` when it has no number at all ("unknown", "N/A"). */
export function versionKey(raw: string | null | undefined): string | null {
  if (raw == null) return null;
  const v = parseVersion(raw);
  if (!v) return null;
  let key = v.components.map((c) => '.' + pad(c)).join('');
  const q = v.qualifier;
  if (q.kind === 'pre') key += '(' + String(q.rank) + pad(q.n);
  else if (q.kind === 'release') key += ')';
  else key += '*' + pad(q.n) + q.tag;
  if (v.build !== null) key += '~' + pad(v.build);
  return key;
}

/** Orders two version strings; unparsable versions sort first. */
export function compareVersions(a: string, b: string): number {
  const ka = versionKey(a) ?? '';
  const kb = versionKey(b) ?? '';
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

/** The firmware line a version belongs to (major.minor), used for end of support when the catalog names none. */
export function versionLine(raw: string): string | null {
  const v = parseVersion(raw);
  if (!v) return null;
  return `${v.components[0]}.${v.components[1] ?? 0n}`;
}
