import { resolveEnv } from './env.js';
import { matchesSelector, podTemplates, describe as label, type K8sObject, type Loose } from './objects.js';

const DEFAULT_PORTS: Record<string, number> = {
  'nats:': 4222,
  'tls:': 4222,
  'postgres:': 5432,
  'postgresql:': 5432,
  'redis:': 6379,
  'rediss:': 6379,
  'http:': 80,
  'https:': 443,
};

type Labels = Record<string, string>;
type Direction = 'Ingress' | 'Egress';

function selects(policy: K8sObject, labels: Labels): boolean {
  const sel: Labels | undefined = policy.spec?.podSelector?.matchLabels;
  return !sel || Object.keys(sel).length === 0 || matchesSelector(labels, sel);
}

function portAllowed(ports: Loose[] | undefined, port: number): boolean {
  if (!ports || ports.length === 0) return true;
  return ports.some((p) => p.port === port || (p.endPort !== undefined && port >= p.port && port <= p.endPort));
}

/** A peer of a rule admits `peer` (labels of a pod in the namespace) or, when undefined, an address outside it. */
function peerAllowed(peers: Loose[] | undefined, peer: Labels | undefined): boolean {
  if (!peers || peers.length === 0) return true;
  return peers.some((p) => {
    if (p.ipBlock) return peer === undefined;
    if (p.namespaceSelector && !p.podSelector) return true;
    const sel: Labels | undefined = p.podSelector?.matchLabels;
    return peer !== undefined && (!sel || Object.keys(sel).length === 0 || matchesSelector(peer, sel));
  });
}

/** Whether the NetworkPolicies let a pod (labels) send to / receive from a peer on a port. Unisolated pods allow all. */
export function allowed(
  policies: K8sObject[],
  direction: Direction,
  pod: Labels,
  port: number,
  peer?: Labels,
): boolean {
  const applying = policies.filter((p) => selects(p, pod) && (p.spec?.policyTypes ?? ['Ingress']).includes(direction));
  if (applying.length === 0) return true;
  const key = direction === 'Egress' ? 'egress' : 'ingress';
  const peersKey = direction === 'Egress' ? 'to' : 'from';
  return applying.some((p) =>
    (p.spec?.[key] ?? []).some((rule: Loose) => portAllowed(rule.ports, port) && peerAllowed(rule[peersKey], peer)),
  );
}

/**
 * Every connection a pod is configured to make (each `*_URL` variable) is allowed by the NetworkPolicies: egress from
 * the pod and, when the target is a Service in the namespace, ingress into the pods behind it.
 */
export function networkProblems(objects: K8sObject[]): string[] {
  const policies = objects.filter((o) => o.kind === 'NetworkPolicy');
  const services = objects.filter((o) => o.kind === 'Service');
  const templates = podTemplates(objects);
  const problems: string[] = [];
  for (const t of templates) {
    for (const c of t.spec.containers) {
      for (const [name, v] of resolveEnv(c, objects).vars) {
        if (!name.endsWith('_URL') || v.value === undefined) continue;
        for (const raw of v.value.split(',')) {
          let url: URL;
          try {
            url = new URL(raw.trim());
          } catch {
            continue;
          }
          const svc = services.find((s) => s.metadata.name === url.hostname.split('.')[0]);
          const port = Number(url.port) || DEFAULT_PORTS[url.protocol];
          if (!port) continue;
          const where = `${label(t.owner)} ${name} -> ${url.host}`;
          if (!svc) {
            if (!allowed(policies, 'Egress', t.labels, port)) problems.push(`${where}: egress blocked`);
            continue;
          }
          const servicePort = (svc.spec?.ports ?? []).find((p: Loose) => p.port === port);
          const target = templates.find((x) => x.owner.kind !== 'Job' && matchesSelector(x.labels, svc.spec?.selector));
          if (!servicePort || !target) {
            problems.push(`${where}: ${label(svc)} has no port ${port} backed by pods`);
            continue;
          }
          const podPort = containerPort(target, servicePort.targetPort ?? port);
          if (!allowed(policies, 'Egress', t.labels, podPort, target.labels)) problems.push(`${where}: egress blocked`);
          if (!allowed(policies, 'Ingress', target.labels, podPort, t.labels))
            problems.push(`${where}: ingress into ${label(target.owner)} blocked`);
        }
      }
    }
  }
  return problems;
}

function containerPort(
  t: { spec: { containers: { ports?: { name?: string; containerPort: number }[] }[] } },
  target: number | string,
): number {
  if (typeof target === 'number') return target;
  for (const c of t.spec.containers) {
    const p = c.ports?.find((x) => x.name === target);
    if (p) return p.containerPort;
  }
  return NaN;
}
