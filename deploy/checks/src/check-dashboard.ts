interface Panel {
  type: string;
  title?: string;
  targets?: { expr?: string }[];
  panels?: Panel[];
}
export interface Dashboard {
  uid?: string;
  title?: string;
  panels?: Panel[];
}

const METRIC = /\b(fleetward_[a-z0-9_]+)\b/g;

export function dashboardMetrics(d: Dashboard): Set<string> {
  const names = new Set<string>();
  for (const expr of expressions(d)) for (const m of expr.matchAll(METRIC)) names.add(m[1]!);
  return names;
}

function panelsOf(d: Dashboard): Panel[] {
  return (d.panels ?? []).flatMap((p) => [p, ...(p.panels ?? [])]);
}

function expressions(d: Dashboard): string[] {
  return panelsOf(d).flatMap((p) => (p.targets ?? []).map((t) => t.expr ?? ''));
}

/**
 * Every graph queries Fleetward's own metrics with well-formed PromQL: balanced brackets, rate()/increase() only on
 * counters (`_total`) or histogram buckets, histogram_quantile() only over buckets.
 */
export function dashboardProblems(d: Dashboard): string[] {
  const problems: string[] = [];
  if (!d.uid || !d.title) problems.push('dashboard needs a uid and a title');
  for (const p of panelsOf(d).filter((x) => x.type !== 'row')) {
    const where = `panel "${p.title ?? '(untitled)'}"`;
    if (!p.targets?.length) problems.push(`${where}: no queries`);
    for (const t of p.targets ?? []) {
      const expr = t.expr ?? '';
      if (!METRIC.test(expr)) problems.push(`${where}: "${expr}" queries no fleetward_ metric`);
      METRIC.lastIndex = 0;
      if (!balanced(expr)) problems.push(`${where}: unbalanced brackets in "${expr}"`);
      for (const m of expr.matchAll(/\b(rate|increase|irate)\(\s*(fleetward_[a-z0-9_]+)/g)) {
        if (!/_(total|bucket|count|sum)$/.test(m[2]!))
          problems.push(`${where}: ${m[1]}() over ${m[2]}, which is not a counter`);
      }
      if (/histogram_quantile/.test(expr) && !/_bucket\b/.test(expr))
        problems.push(`${where}: histogram_quantile() without _bucket`);
    }
  }
  return problems;
}

export function balanced(expr: string): boolean {
  const pairs: Record<string, string> = { ')': '(', ']': '[', '}': '{' };
  const stack: string[] = [];
  for (const ch of expr.replace(/"[^"]*"/g, '')) {
    if ('([{'.includes(ch)) stack.push(ch);
    else if (ch in pairs && stack.pop() !== pairs[ch]) return false;
  }
  return stack.length === 0;
}

/** Metric names listed in the README's metrics table (rows starting with | `fleetward_...` |). */
export function documentedMetrics(readme: string): Set<string> {
  return new Set([...readme.matchAll(/^\|\s*`(fleetward_[a-z0-9_]+)`/gm)].map((m) => m[1]!));
}
