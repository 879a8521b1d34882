import {
  podTemplates,
  describe as label,
  type Container,
  type K8sObject,
  type Loose,
  type PodTemplate,
} from './objects.js';

const LONG_RUNNING = new Set(['Deployment', 'StatefulSet', 'DaemonSet']);

/** Non-root, read-only, no privilege escalation, all capabilities dropped, RuntimeDefault seccomp, limits. */
export function containerProblems(objects: K8sObject[]): string[] {
  return podTemplates(objects).flatMap((t) => {
    const where = label(t.owner);
    const pod = t.spec.securityContext ?? {};
    const problems: string[] = [];
    if (pod.seccompProfile?.type !== 'RuntimeDefault')
      problems.push(`${where}: pod seccompProfile must be RuntimeDefault`);
    if (t.spec.automountServiceAccountToken !== false)
      problems.push(`${where}: automountServiceAccountToken must be false`);
    for (const c of [...(t.spec.initContainers ?? []), ...t.spec.containers]) {
      problems.push(...securityProblems(`${where} container ${c.name}`, c, pod));
      problems.push(...resourceProblems(`${where} container ${c.name}`, c));
      if (LONG_RUNNING.has(t.owner.kind) && t.spec.containers.includes(c)) {
        for (const probe of ['livenessProbe', 'readinessProbe'] as const) {
          if (!c[probe]) problems.push(`${where} container ${c.name}: no ${probe}`);
        }
      }
    }
    return problems;
  });
}

function securityProblems(where: string, c: Container, pod: Record<string, Loose>): string[] {
  const sc = c.securityContext ?? {};
  const problems: string[] = [];
  const nonRoot = sc.runAsNonRoot ?? pod.runAsNonRoot;
  const uid = sc.runAsUser ?? pod.runAsUser;
  if (nonRoot !== true) problems.push(`${where}: runAsNonRoot must be true`);
  if (uid === 0) problems.push(`${where}: runAsUser 0 is root`);
  if (sc.readOnlyRootFilesystem !== true) problems.push(`${where}: readOnlyRootFilesystem must be true`);
  if (sc.allowPrivilegeEscalation !== false) problems.push(`${where}: allowPrivilegeEscalation must be false`);
  if (sc.privileged === true) problems.push(`${where}: privileged`);
  const drop: string[] = sc.capabilities?.drop ?? [];
  if (!drop.includes('ALL')) problems.push(`${where}: capabilities must drop ALL`);
  if ((sc.capabilities?.add ?? []).length > 0) problems.push(`${where}: adds capabilities`);
  const seccomp = sc.seccompProfile?.type ?? pod.seccompProfile?.type;
  if (seccomp !== 'RuntimeDefault') problems.push(`${where}: seccompProfile must be RuntimeDefault`);
  return problems;
}

function resourceProblems(where: string, c: Container): string[] {
  const problems: string[] = [];
  for (const r of ['cpu', 'memory']) {
    if (!c.resources?.requests?.[r]) problems.push(`${where}: no ${r} request`);
  }
  if (!c.resources?.limits?.memory) problems.push(`${where}: no memory limit`);
  if (!c.resources?.limits?.cpu) problems.push(`${where}: no cpu limit`);
  return problems;
}

/** The service Deployments: probes on /healthz and /readyz of the PORT the service listens on, scrape annotations. */
export function serviceDeploymentProblems(t: PodTemplate, port: string | undefined): string[] {
  const where = label(t.owner);
  const problems: string[] = [];
  const c = t.spec.containers[0];
  if (!c) return [`${where}: no container`];
  const http = c.ports?.find((p) => p.name === 'http');
  if (!http) problems.push(`${where}: no container port named http`);
  if (port === undefined) problems.push(`${where}: PORT is not set`);
  else if (http && String(http.containerPort) !== port)
    problems.push(`${where}: PORT=${port} but containerPort ${http.containerPort}`);
  const probeTarget = (p?: { httpGet?: { path?: string; port: number | string } }) =>
    p?.httpGet ? `${p.httpGet.path}@${p.httpGet.port}` : 'none';
  const live = probeTarget(c.livenessProbe);
  const ready = probeTarget(c.readinessProbe);
  if (live !== '/healthz@http' && live !== `/healthz@${port}`)
    problems.push(`${where}: livenessProbe ${live}, expected /healthz on the http port`);
  if (ready !== '/readyz@http' && ready !== `/readyz@${port}`)
    problems.push(`${where}: readinessProbe ${ready}, expected /readyz on the http port`);
  if (t.annotations['prometheus.io/scrape'] !== 'true')
    problems.push(`${where}: pod not annotated prometheus.io/scrape`);
  if (t.annotations['prometheus.io/port'] !== port)
    problems.push(`${where}: prometheus.io/port is not the service port ${port}`);
  if (t.annotations['prometheus.io/path'] !== '/metrics')
    problems.push(`${where}: prometheus.io/path must be /metrics`);
  const spread: { topologyKey: string }[] = t.spec.topologySpreadConstraints ?? [];
  if (!spread.some((s) => s.topologyKey === 'kubernetes.io/hostname'))
    problems.push(`${where}: no topology spread across nodes`);
  if (!spread.some((s) => s.topologyKey === 'topology.kubernetes.io/zone'))
    problems.push(`${where}: no topology spread across zones`);
  return problems;
}
