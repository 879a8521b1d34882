/** Liveness states the health service reports, worst first, and how the console shows them. */
export const LIVENESS_STATES = ['unreachable', 'offline', 'degraded', 'late', 'unknown', 'never-seen', 'online'] as const;
export type Liveness = (typeof LIVENESS_STATES)[number];

export type Health = 'red' | 'amber' | 'green' | 'grey';

export type StateCounts = Partial<Record<string, number>>;

export interface SiteNode {
  id: string;
  parentId: string | null;
  name: string;
  code: string;
  lat: number | null;
  lon: number | null;
}

export interface SiteSummary {
  siteId: string | null;
  total: number;
  byState: StateCounts;
  unreachable: boolean;
}

/** A site's colour on the board: red when unreachable or all down, amber when some devices are late/offline. */
export function healthOf(total: number, byState: StateCounts, unreachable = false): Health {
  if (unreachable) return 'red';
  if (total === 0) return 'grey';
  const down = (byState['offline'] ?? 0) + (byState['unreachable'] ?? 0);
  if (down >= total) return 'red';
  const troubled = down + (byState['late'] ?? 0) + (byState['degraded'] ?? 0);
  if (troubled > 0) return 'amber';
  if ((byState['online'] ?? 0) === 0) return 'grey';
  return 'green';
}

export interface RolledUpSite extends SiteNode {
  depth: number;
  total: number;
  byState: StateCounts;
  unreachable: boolean;
  health: Health;
  children: RolledUpSite[];
}

function add(into: StateCounts, from: StateCounts): void {
  for (const [k, v] of Object.entries(from)) into[k] = (into[k] ?? 0) + (v ?? 0);
}

/** The site tree with each node's counts summed over its subtree; roots sorted by name. Orphans become roots. */
export function rollUp(sites: SiteNode[], summaries: SiteSummary[]): RolledUpSite[] {
  const own = new Map(summaries.map((s) => [s.siteId, s]));
  const nodes = new Map<string, RolledUpSite>();
  for (const s of sites) {
    const sum = own.get(s.id);
    nodes.set(s.id, {
      ...s,
      depth: 0,
      total: sum?.total ?? 0,
      byState: { ...(sum?.byState ?? {}) },
      unreachable: sum?.unreachable ?? false,
      health: 'grey',
      children: [],
    });
  }
  const roots: RolledUpSite[] = [];
  for (const n of nodes.values()) {
    const parent = n.parentId ? nodes.get(n.parentId) : undefined;
    if (parent) parent.children.push(n);
    else roots.push(n);
  }
  const finish = (n: RolledUpSite, depth: number): void => {
    n.depth = depth;
    n.children.sort((a, b) => a.name.localeCompare(b.name));
    for (const c of n.children) {
      finish(c, depth + 1);
      n.total += c.total;
      add(n.byState, c.byState);
    }
    n.health = healthOf(n.total, n.byState, n.unreachable);
  };
  roots.sort((a, b) => a.name.localeCompare(b.name));
  for (const r of roots) finish(r, 0);
  return roots;
}

/** Depth-first list of a tree, for rendering it as indented rows. */
export function flatten(roots: RolledUpSite[]): RolledUpSite[] {
  const out: RolledUpSite[] = [];
  const walk = (n: RolledUpSite) => {
    out.push(n);
    n.children.forEach(walk);
  };
  roots.forEach(walk);
  return out;
}

/** The leaves of the tree with coordinates, as map dots. */
export function mapDots(roots: RolledUpSite[]): RolledUpSite[] {
  return flatten(roots).filter((n) => n.lat !== null && n.lon !== null && n.children.every((c) => c.lat === null));
}
