import { isUnrouted } from './check-exposure.js';
import { findObject, matchesSelector, podTemplates, describe as label, type K8sObject, type Loose } from './objects.js';

/** Every reference between rendered objects points at something that exists and selects something. */
export function referenceProblems(objects: K8sObject[]): string[] {
  const templates = podTemplates(objects);
  const problems: string[] = [];
  for (const o of objects) {
    const where = label(o);
    if (o.kind === 'Deployment' || o.kind === 'StatefulSet') {
      const sel = o.spec?.selector?.matchLabels;
      if (!matchesSelector(o.spec?.template?.metadata?.labels ?? {}, sel))
        problems.push(`${where}: selector does not match its pod template`);
    }
    if (o.kind === 'Service' && !isUnrouted(o)) {
      const port = (o.spec?.ports ?? [])[0];
      const target = templates.find((t) => t.owner.kind !== 'Job' && matchesSelector(t.labels, o.spec?.selector));
      if (!target) problems.push(`${where}: selects no pods`);
      else if (typeof port?.targetPort === 'string') {
        const named = target.spec.containers.some((c) => c.ports?.some((p) => p.name === port.targetPort));
        if (!named)
          problems.push(`${where}: targetPort ${port.targetPort} is not a container port of ${label(target.owner)}`);
      }
    }
    if (
      o.kind === 'PodDisruptionBudget' &&
      !templates.some((t) => matchesSelector(t.labels, o.spec?.selector?.matchLabels))
    ) {
      problems.push(`${where}: selects no pods`);
    }
    if (o.kind === 'HorizontalPodAutoscaler') {
      const ref = o.spec?.scaleTargetRef ?? {};
      const target = findObject(objects, ref.kind, ref.name);
      if (!target) problems.push(`${where}: scales ${ref.kind}/${ref.name}, which is not rendered`);
      else if (target.spec?.replicas !== undefined)
        problems.push(`${label(target)}: sets replicas although ${where} owns them`);
    }
    if (o.kind === 'Ingress') {
      for (const rule of o.spec?.rules ?? []) {
        for (const p of rule.http?.paths ?? []) {
          const svc = findObject(objects, 'Service', p.backend?.service?.name);
          if (!svc) problems.push(`${where}: backend ${p.backend?.service?.name} is not a rendered Service`);
          else if (
            !svc.spec?.ports?.some(
              (sp: Loose) => sp.name === p.backend.service.port?.name || sp.port === p.backend.service.port?.number,
            )
          ) {
            problems.push(`${where}: backend port is not a port of ${label(svc)}`);
          }
        }
      }
    }
  }
  for (const t of templates) {
    const sa = t.spec.serviceAccountName;
    if (sa && !findObject(objects, 'ServiceAccount', sa))
      problems.push(`${label(t.owner)}: ServiceAccount ${sa} is not rendered`);
  }
  return problems;
}

/**
 * Rollout order by label: `fleetward.io/phase: setup` is applied first (namespace, config, network policies, engines
 * in dev, the Jobs), then everything. So every Job is in the setup phase, and so is everything a Job mounts or reads.
 */
export function phaseProblems(objects: K8sObject[]): string[] {
  const problems: string[] = [];
  const phase = (o: K8sObject) => o.metadata?.labels?.['fleetward.io/phase'];
  for (const o of objects) {
    if (!['setup', 'run'].includes(phase(o) ?? ''))
      problems.push(`${label(o)}: label fleetward.io/phase must be setup or run`);
  }
  for (const t of podTemplates(objects).filter((x) => x.owner.kind === 'Job')) {
    if (phase(t.owner) !== 'setup') problems.push(`${label(t.owner)}: a Job must be in the setup phase`);
    const refs = t.spec.containers.flatMap((c) => [
      ...(c.env ?? []).flatMap((e) => [
        e.valueFrom?.configMapKeyRef && ['ConfigMap', e.valueFrom.configMapKeyRef.name],
        e.valueFrom?.secretKeyRef && ['Secret', e.valueFrom.secretKeyRef.name],
      ]),
      ...(c.envFrom ?? []).flatMap((f) => [
        f.configMapRef && ['ConfigMap', f.configMapRef.name],
        f.secretRef && ['Secret', f.secretRef.name],
      ]),
    ]);
    refs.push(['ServiceAccount', t.spec.serviceAccountName]);
    for (const ref of refs) {
      if (!ref || !ref[1]) continue;
      const dep = findObject(objects, ref[0]!, ref[1]);
      if (dep && phase(dep) !== 'setup')
        problems.push(`${label(t.owner)} needs ${label(dep)}, which is not in the setup phase`);
    }
  }
  return problems;
}

/** Images carry an explicit tag; `latest` (or none) makes rollouts and rollbacks unreproducible. */
export function imageTagProblems(objects: K8sObject[], allowed: RegExp = /.+/): string[] {
  return podTemplates(objects).flatMap((t) =>
    t.spec.containers.flatMap((c) => {
      const tag = /:([^/:@]+)$/.exec(c.image ?? '')?.[1];
      if (!tag || tag === 'latest') return [`${label(t.owner)}: image ${c.image} has no pinned tag`];
      return allowed.test(tag) ? [] : [`${label(t.owner)}: image ${c.image} tag does not match ${allowed}`];
    }),
  );
}
