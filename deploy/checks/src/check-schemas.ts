import { createRequire } from 'node:module';
import { CRD_SCHEMAS } from './crd-schemas.js';
import { describe as label, type K8sObject } from './objects.js';

const require = createRequire(import.meta.url);

interface ModelClass {
  new (data: unknown): { validate(): void };
}

/** kubernetes-models lays out one module per kind: `v1/ConfigMap`, `apps/v1/Deployment`, `networking.k8s.io/v1/...`. */
function modelFor(apiVersion: string, kind: string): ModelClass | undefined {
  if (!/^[a-z0-9.]+(\/v[0-9a-z]+)?$/.test(apiVersion) || !/^[A-Za-z]+$/.test(kind)) return undefined;
  try {
    return (require(`kubernetes-models/${apiVersion}/${kind}`) as Record<string, ModelClass>)[kind];
  } catch {
    return undefined;
  }
}

/** Validates each object against the Kubernetes OpenAPI schema of its apiVersion and kind. */
export function schemaProblems(objects: K8sObject[]): string[] {
  return objects.flatMap((o) => {
    if (!o || typeof o !== 'object' || !o.apiVersion || !o.kind) return [`an object without apiVersion/kind`];
    const crd = CRD_SCHEMAS[`${o.apiVersion}/${o.kind}`];
    if (crd) {
      const r = crd.safeParse(o);
      return r.success ? [] : r.error.issues.map((i) => `${label(o)}: ${i.path.join('.')}: ${i.message}`);
    }
    const Model = modelFor(o.apiVersion, o.kind);
    if (!Model) return [`${label(o)}: no Kubernetes schema for ${o.apiVersion} ${o.kind}`];
    try {
      new Model(o).validate();
      return [];
    } catch (err) {
      return [`${label(o)}: ${(err as Error).message}`];
    }
  });
}

/** Names must be unique per kind (and namespaced objects must all land in the one namespace). */
export function identityProblems(objects: K8sObject[], namespace: string): string[] {
  const seen = new Set<string>();
  const problems: string[] = [];
  for (const o of objects) {
    const key = `${o.kind}/${o.metadata?.name}`;
    if (seen.has(key)) problems.push(`${key} is defined twice`);
    seen.add(key);
    const clusterScoped = o.kind === 'Namespace';
    if (!clusterScoped && o.metadata?.namespace !== namespace) {
      problems.push(`${key} is in namespace ${o.metadata?.namespace ?? '(none)'}, expected ${namespace}`);
    }
  }
  return problems;
}
