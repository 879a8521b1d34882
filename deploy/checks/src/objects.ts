/**
 * Rendered manifests and chart values are untyped YAML; the checks read their fields defensively (optional chaining,
 * explicit comparisons), so the one escape hatch from the type system is named here.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Loose = any;

/** Minimal typing of rendered Kubernetes objects: the checks read only these fields. */
export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  spec?: Loose;
  data?: Record<string, string>;
  stringData?: Record<string, string>;
  [key: string]: unknown;
}

export interface Container {
  name: string;
  image?: string;
  args?: string[];
  command?: string[];
  env?: EnvVar[];
  envFrom?: EnvFromSource[];
  ports?: { name?: string; containerPort: number }[];
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  securityContext?: Record<string, Loose>;
  livenessProbe?: Probe;
  readinessProbe?: Probe;
  startupProbe?: Probe;
  lifecycle?: { preStop?: { sleep?: { seconds?: number }; exec?: { command: string[] } } };
}

export interface Probe {
  httpGet?: { path?: string; port: number | string };
  exec?: { command: string[] };
  tcpSocket?: { port: number | string };
}

export interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: {
    configMapKeyRef?: { name: string; key: string; optional?: boolean };
    secretKeyRef?: { name: string; key: string; optional?: boolean };
    fieldRef?: unknown;
    resourceFieldRef?: unknown;
  };
}

export interface EnvFromSource {
  configMapRef?: { name: string; optional?: boolean };
  secretRef?: { name: string; optional?: boolean };
  prefix?: string;
}

/** A pod template found in a workload, with where it came from. */
export interface PodTemplate {
  owner: K8sObject;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  spec: {
    containers: Container[];
    initContainers?: Container[];
    securityContext?: Record<string, Loose>;
    [k: string]: Loose;
  };
}

const templatePaths: Record<string, (o: K8sObject) => Loose> = {
  Deployment: (o) => o.spec?.template,
  StatefulSet: (o) => o.spec?.template,
  DaemonSet: (o) => o.spec?.template,
  ReplicaSet: (o) => o.spec?.template,
  Job: (o) => o.spec?.template,
  CronJob: (o) => o.spec?.jobTemplate?.spec?.template,
  Pod: (o) => ({ metadata: o.metadata, spec: o.spec }),
};

export function podTemplates(objects: K8sObject[]): PodTemplate[] {
  return objects.flatMap((owner) => {
    const t = templatePaths[owner.kind]?.(owner);
    if (!t) return [];
    return [{ owner, labels: t.metadata?.labels ?? {}, annotations: t.metadata?.annotations ?? {}, spec: t.spec }];
  });
}

export const describe = (o: K8sObject) => `${o.kind}/${o.metadata?.name}`;

export function findObject(objects: K8sObject[], kind: string, name: string): K8sObject | undefined {
  return objects.find((o) => o.kind === kind && o.metadata?.name === name);
}

export function matchesSelector(labels: Record<string, string>, selector: Record<string, string> | undefined): boolean {
  if (!selector || Object.keys(selector).length === 0) return false;
  return Object.entries(selector).every(([k, v]) => labels[k] === v);
}

/** The Deployment whose pods carry app.kubernetes.io/name=<service>. */
export function serviceDeployment(objects: K8sObject[], service: string): PodTemplate | undefined {
  return podTemplates(objects).find(
    (t) => t.owner.kind === 'Deployment' && t.labels['app.kubernetes.io/name'] === service,
  );
}

/** Decoded data of a rendered ConfigMap or Secret. */
export function dataOf(o: K8sObject): Record<string, string> {
  if (o.kind === 'Secret') {
    const decoded = Object.fromEntries(
      Object.entries(o.data ?? {}).map(([k, v]) => [k, Buffer.from(v, 'base64').toString('utf8')]),
    );
    return { ...decoded, ...(o.stringData ?? {}) };
  }
  return { ...(o.data ?? {}) };
}
