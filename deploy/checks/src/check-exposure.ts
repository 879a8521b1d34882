import { findObject, describe as label, type K8sObject, type Loose } from './objects.js';

/** Paths of the gateway the public must reach, and the ones only the cluster (probes, Prometheus) may. */
export const PUBLIC_PATHS = ['/', '/api/v1/devices', '/hb/v1', '/assets/index.js', '/api/docs'];
export const INTERNAL_PATHS = ['/metrics', '/metrics/', '/readyz', '/readyz/', '/healthz', '/healthz/x'];

interface Candidate {
  type: string;
  value: string;
  backend: string | null;
}

/** Gateway API and Ingress precedence: an Exact match first, then the longest matching prefix (by path element). */
function pick(candidates: Candidate[], path: string): string | null | undefined {
  const prefixMatches = (p: string) => p === '/' || path === p || path.startsWith(p.endsWith('/') ? p : `${p}/`);
  const exact = candidates.find((c) => c.type === 'Exact' && c.value === path);
  if (exact) return exact.backend;
  const prefixes = candidates
    .filter((c) => (c.type === 'PathPrefix' || c.type === 'Prefix') && prefixMatches(c.value))
    .sort((a, b) => b.value.length - a.value.length);
  return prefixes.length > 0 ? prefixes[0]!.backend : undefined;
}

/** The Service a request path reaches through a route or an Ingress (null: answered without a backend). */
export function backendFor(route: K8sObject, path: string): string | null | undefined {
  const candidates: Candidate[] = [];
  if (route.kind === 'HTTPRoute') {
    for (const rule of route.spec?.rules ?? []) {
      const backend = (rule.backendRefs ?? [])[0]?.name ?? null;
      for (const m of rule.matches ?? [{ path: { type: 'PathPrefix', value: '/' } }])
        candidates.push({ type: m.path?.type ?? 'PathPrefix', value: m.path?.value ?? '/', backend });
    }
  } else if (route.kind === 'Ingress') {
    for (const rule of route.spec?.rules ?? [])
      for (const p of rule.http?.paths ?? [])
        candidates.push({ type: p.pathType, value: p.path, backend: p.backend?.service?.name ?? null });
  }
  return pick(candidates, path);
}

/** A Service the Ingress can point at that has no pods behind it on purpose (the controller answers 503). */
export const isUnrouted = (svc: K8sObject | undefined) =>
  svc?.metadata.labels?.['fleetward.io/not-routed'] === 'true' && !svc.spec?.selector;

/**
 * The gateway is reached through every HTTPRoute and Ingress rendered, on its public paths; its probes and metrics
 * through none of them (they must not be public: readiness details and metrics are for the cluster).
 */
export function exposureProblems(objects: K8sObject[], gatewayService = 'fleetward-gateway'): string[] {
  const routes = objects.filter((o) => o.kind === 'HTTPRoute' || o.kind === 'Ingress');
  const problems: string[] = [];
  if (!routes.some((r) => r.kind === 'HTTPRoute')) problems.push('no HTTPRoute exposes the gateway');
  for (const r of routes) {
    for (const p of PUBLIC_PATHS)
      if (backendFor(r, p) !== gatewayService) problems.push(`${label(r)}: ${p} does not reach ${gatewayService}`);
    for (const p of INTERNAL_PATHS) {
      const backend = backendFor(r, p);
      if (backend && !isUnrouted(findObject(objects, 'Service', backend)))
        problems.push(`${label(r)}: ${p} is exposed publicly (reaches ${backend})`);
    }
    if (r.kind === 'Ingress' && !r.spec?.ingressClassName)
      problems.push(`${label(r)}: no ingressClassName (which controller serves it is left to chance)`);
    const annotations = Object.keys(r.metadata.annotations ?? {});
    if (annotations.some((a) => a.startsWith('nginx.ingress.kubernetes.io/')))
      problems.push(`${label(r)}: relies on ingress-nginx annotations (retired)`);
  }
  return problems;
}

/** HTTPRoutes attach to a rendered Gateway and send traffic to rendered Services on their ports. */
export function routeReferenceProblems(objects: K8sObject[]): string[] {
  const problems: string[] = [];
  for (const r of objects.filter((o) => o.kind === 'HTTPRoute')) {
    for (const parent of r.spec?.parentRefs ?? []) {
      if (!parent.namespace && !findObject(objects, 'Gateway', parent.name))
        problems.push(`${label(r)}: parent Gateway ${parent.name} is not rendered`);
    }
    for (const rule of r.spec?.rules ?? []) {
      for (const ref of rule.backendRefs ?? []) {
        const svc = findObject(objects, 'Service', ref.name);
        if (!svc) problems.push(`${label(r)}: backend ${ref.name} is not a rendered Service`);
        else if (!svc.spec?.ports?.some((sp: Loose) => sp.port === ref.port))
          problems.push(`${label(r)}: backend port ${ref.port} is not a port of ${label(svc)}`);
      }
    }
  }
  return problems;
}
