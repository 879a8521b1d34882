import { dataOf, findObject, type Container, type K8sObject } from './objects.js';

/** Where a container's variable comes from. `value` is undefined when it is only known at run time. */
export interface ProvidedVar {
  source: string;
  value?: string;
  /** A Secret the overlay does not render: the operator creates it (documented in deploy/README.md). */
  external?: { secret: string; key: string };
}

export interface ResolvedEnv {
  vars: Map<string, ProvidedVar>;
  problems: string[];
}

/**
 * Resolves a container's environment against the rendered objects, like the kubelet would: envFrom first, then env
 * (which wins). A reference to a ConfigMap that is not rendered, or to a missing key, is a problem. A Secret that is
 * not rendered is external: its key is taken as provided (the pod would not start otherwise) and recorded. Optional
 * references to something absent provide nothing.
 */
export function resolveEnv(container: Container, objects: K8sObject[]): ResolvedEnv {
  const vars = new Map<string, ProvidedVar>();
  const problems: string[] = [];
  const where = `container ${container.name}`;

  for (const from of container.envFrom ?? []) {
    const prefix = from.prefix ?? '';
    if (from.configMapRef) {
      const cm = findObject(objects, 'ConfigMap', from.configMapRef.name);
      if (!cm) {
        if (!from.configMapRef.optional)
          problems.push(`${where}: envFrom ConfigMap ${from.configMapRef.name} is not rendered`);
        continue;
      }
      for (const [k, v] of Object.entries(dataOf(cm)))
        vars.set(prefix + k, { source: `ConfigMap ${cm.metadata.name}`, value: v });
    }
    if (from.secretRef) {
      const secret = findObject(objects, 'Secret', from.secretRef.name);
      if (!secret) {
        problems.push(
          `${where}: envFrom an external Secret (${from.secretRef.name}) hides which variables it sets; use secretKeyRef`,
        );
        continue;
      }
      for (const [k, v] of Object.entries(dataOf(secret)))
        vars.set(prefix + k, { source: `Secret ${secret.metadata.name}`, value: v });
    }
  }

  for (const e of container.env ?? []) {
    if (e.value !== undefined) vars.set(e.name, { source: 'value', value: e.value });
    else if (e.valueFrom?.configMapKeyRef) {
      const ref = e.valueFrom.configMapKeyRef;
      const cm = findObject(objects, 'ConfigMap', ref.name);
      const value = cm ? dataOf(cm)[ref.key] : undefined;
      if (value === undefined && ref.optional) continue;
      if (value === undefined)
        problems.push(`${where}: ${e.name} refers to ConfigMap ${ref.name} key ${ref.key}, which is not rendered`);
      else vars.set(e.name, { source: `ConfigMap ${ref.name}`, value });
    } else if (e.valueFrom?.secretKeyRef) {
      const ref = e.valueFrom.secretKeyRef;
      const secret = findObject(objects, 'Secret', ref.name);
      const value = secret ? dataOf(secret)[ref.key] : undefined;
      // An optional reference may be absent at run time: it provides nothing a required variable can rely on.
      if (value !== undefined) vars.set(e.name, { source: `Secret ${ref.name}`, value });
      else if (ref.optional) continue;
      else if (secret) problems.push(`${where}: ${e.name} refers to Secret ${ref.name} key ${ref.key}, which it lacks`);
      else vars.set(e.name, { source: `Secret ${ref.name}`, external: { secret: ref.name, key: ref.key } });
    } else if (e.valueFrom) vars.set(e.name, { source: 'downward API' });
    else problems.push(`${where}: ${e.name} has neither value nor valueFrom`);
  }
  return { vars, problems };
}
