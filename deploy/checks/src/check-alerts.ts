import { balanced } from './check-dashboard.js';
import { matchesSelector, describe as label, type K8sObject, type Loose } from './objects.js';

/** The alerts issue 18 asks for; each must exist under this name (runbooks in docs/operations.md link to them). */
export const REQUIRED_ALERTS = [
  'FleetwardConsumerLag',
  'FleetwardDeadLetters',
  'FleetwardDetectionStalled',
  'FleetwardWebhookFailures',
  'FleetwardStreamNearFull',
  'FleetwardCertificateExpiry',
];

interface Rule {
  alert: string;
  expr: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

export function alertRules(objects: K8sObject[]): Rule[] {
  return objects
    .filter((o) => o.kind === 'PrometheusRule')
    .flatMap((o) => (o.spec?.groups ?? []).flatMap((g: Loose) => g.rules ?? []));
}

/**
 * Every required alert exists, with a severity, a summary and a runbook; its PromQL is balanced, takes rate() and
 * friends only over counters, and names only Fleetward metrics that are documented (a renamed metric would leave an
 * alert that can never fire).
 */
export function alertProblems(objects: K8sObject[], documented: Set<string>): string[] {
  const rules = alertRules(objects);
  const problems: string[] = [];
  for (const name of REQUIRED_ALERTS)
    if (!rules.some((r) => r.alert === name)) problems.push(`alert ${name} is missing`);
  for (const r of rules) {
    const where = `alert ${r.alert}`;
    if (!['warning', 'critical'].includes(r.labels?.severity ?? ''))
      problems.push(`${where}: severity must be warning or critical`);
    if (!r.annotations?.summary || !r.annotations?.runbook) problems.push(`${where}: needs a summary and a runbook`);
    if (!balanced(r.expr)) problems.push(`${where}: unbalanced brackets`);
    for (const m of r.expr.matchAll(/\b(rate|increase|irate)\(\s*(fleetward_[a-z0-9_]+)/g))
      if (!/_(total|bucket|count|sum)$/.test(m[2]!)) problems.push(`${where}: ${m[1]}() over ${m[2]}, not a counter`);
    for (const m of r.expr.matchAll(/\b(fleetward_[a-z0-9_]+?)(_bucket|_count|_sum)?\b/g)) {
      const base = documented.has(m[1]!) ? m[1]! : `${m[1]}${m[2] ?? ''}`;
      if (!documented.has(base)) problems.push(`${where}: ${base} is not a documented metric`);
    }
  }
  return problems;
}

/** The bytes threshold of FleetwardStreamNearFull, which must be 80 % of FLEET_EVENTS max_bytes. */
export function streamNearFullThreshold(objects: K8sObject[]): number {
  const rule = alertRules(objects).find((r) => r.alert === 'FleetwardStreamNearFull');
  return Number(/>\s*(\d+)\s*$/.exec(rule?.expr ?? '')?.[1]);
}

/** A ServiceMonitor scrapes each service's Service on a port it has. */
export function serviceMonitorProblems(objects: K8sObject[], serviceNames: string[]): string[] {
  const monitors = objects.filter((o) => o.kind === 'ServiceMonitor');
  if (monitors.length === 0) return ['no ServiceMonitor'];
  const problems: string[] = [];
  for (const name of serviceNames) {
    const svc = objects.find((o) => o.kind === 'Service' && o.metadata.name === `fleetward-${name}`);
    const scraped = monitors.some(
      (m) =>
        svc &&
        matchesSelector(svc.metadata.labels ?? {}, m.spec?.selector?.matchLabels) &&
        (m.spec?.endpoints ?? []).some((e: Loose) => svc.spec?.ports?.some((p: Loose) => p.name === e.port)),
    );
    if (!scraped) problems.push(`${svc ? label(svc) : `Service fleetward-${name}`} is scraped by no ServiceMonitor`);
  }
  return problems;
}
