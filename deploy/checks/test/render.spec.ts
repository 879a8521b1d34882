import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { containerProblems, serviceDeploymentProblems } from '../src/check-workloads.js';
import { imageTagProblems, phaseProblems, referenceProblems } from '../src/check-references.js';
import { identityProblems, schemaProblems } from '../src/check-schemas.js';
import { findObject, serviceDeployment, type K8sObject } from '../src/objects.js';
import { deployDir, k8sDir, overlayNames, serviceNames } from '../src/paths.js';
import { assertKubectl, renderKustomization, renderOverlay } from '../src/render.js';
import { resolveEnv } from '../src/env.js';
import { unknownFieldProblems } from '../src/unknown-fields.js';
import { networkProblems } from '../src/check-network.js';
import { exposureProblems, routeReferenceProblems } from '../src/check-exposure.js';

const AUTOSCALED = ['gateway', 'health', 'notifier'];
const SETUP_LABELS = { 'fleetward.io/phase': 'setup', 'app.kubernetes.io/component': 'setup' };

describe('kubectl', () => {
  it('is installed: without it these checks cannot run, so they fail', () => {
    expect(assertKubectl()).toMatch(/Client Version|GitVersion/);
  });
});

describe('overlays', () => {
  it('are dev and prod at least', () => {
    expect(overlayNames()).toEqual(expect.arrayContaining(['dev', 'prod']));
  });

  it('the base renders on its own', () => {
    const objects = renderKustomization(path.join(k8sDir, 'base'));
    expect(schemaProblems(objects)).toEqual([]);
  });
});

describe('the optional Ingress (deploy/k8s/optional/ingress) on top of the prod overlay', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'fleetward-ingress-'));
  writeFileSync(
    path.join(dir, 'kustomization.yaml'),
    [
      'resources:',
      ...['overlays/prod', 'optional/ingress'].map((d) => `  - ${path.relative(dir, path.join(k8sDir, d))}`),
    ]
      .concat('namespace: fleetward', '')
      .join('\n'),
  );
  const objects = renderKustomization(dir);

  it('is valid, names its controller class and keeps probes and metrics off the internet', () => {
    expect(objects.some((o) => o.kind === 'Ingress')).toBe(true);
    expect(schemaProblems(objects)).toEqual([]);
    expect(referenceProblems(objects)).toEqual([]);
    expect(exposureProblems(objects)).toEqual([]);
  });

  it('the exposure check fails when the Ingress sends /metrics to the gateway or names no class', () => {
    const ingress = structuredClone(objects.find((o) => o.kind === 'Ingress')!);
    ingress.spec.rules[0].http.paths = ingress.spec.rules[0].http.paths.slice(0, 1);
    delete ingress.spec.ingressClassName;
    const problems = exposureProblems([...objects.filter((o) => o.kind !== 'Ingress'), ingress]).join('\n');
    expect(problems).toContain('/metrics is exposed publicly');
    expect(problems).toContain('/readyz is exposed publicly');
    expect(problems).toContain('no ingressClassName');
  });
});

describe.each(overlayNames())('overlay %s', (overlay) => {
  const objects: K8sObject[] = renderOverlay(overlay);

  it('renders valid Kubernetes objects', () => {
    expect(objects.length).toBeGreaterThan(20);
    expect(schemaProblems(objects)).toEqual([]);
  });

  it('uses no field the Kubernetes API does not know (a misspelt field would be dropped silently)', () => {
    expect(unknownFieldProblems(objects)).toEqual([]);
  });

  it('puts every object, once, in the fleetward namespace', () => {
    expect(identityProblems(objects, 'fleetward')).toEqual([]);
  });

  it('references only objects it renders, and selectors select pods', () => {
    expect(referenceProblems(objects)).toEqual([]);
  });

  it('labels each object with its rollout phase, the Jobs and what they read in setup', () => {
    expect(phaseProblems(objects)).toEqual([]);
  });

  it('runs every container non-root, read-only, with limits, and long-running ones with probes', () => {
    expect(containerProblems(objects)).toEqual([]);
  });

  it('pins image tags', () => {
    expect(imageTagProblems(objects, overlay === 'prod' ? /^\d+\.\d+\.\d+/ : /.+/)).toEqual([]);
  });

  it.each(serviceNames())('deploys %s with a Service, a PDB, probes on its port and scrape annotations', (service) => {
    const t = serviceDeployment(objects, service);
    expect(t).toBeDefined();
    const port = resolveEnv(t!.spec.containers[0]!, objects).vars.get('PORT')?.value;
    expect(serviceDeploymentProblems(t!, port)).toEqual([]);
    const name = t!.owner.metadata.name;
    expect(findObject(objects, 'Service', name)).toBeDefined();
    expect(findObject(objects, 'PodDisruptionBudget', name)).toBeDefined();
    expect(Boolean(findObject(objects, 'HorizontalPodAutoscaler', name))).toBe(AUTOSCALED.includes(service));
  });

  it('exposes the gateway through an HTTPRoute on a rendered Gateway, its probes and metrics not at all', () => {
    const gateway = serviceDeployment(objects, 'gateway')!.owner.metadata.name;
    expect(exposureProblems(objects, gateway)).toEqual([]);
    expect(routeReferenceProblems(objects)).toEqual([]);
    expect(objects.filter((o) => o.kind === 'Ingress')).toEqual([]);
    // Behind the Gateway's proxies, X-Forwarded-For must be believed or the audit log records a proxy pod's address.
    const env = resolveEnv(serviceDeployment(objects, 'gateway')!.spec.containers[0]!, objects).vars;
    expect(env.get('TRUST_PROXY')?.value).toMatch(/\S/);
  });

  it('enforces the restricted Pod Security Standard on the namespace', () => {
    const ns = objects.find((o) => o.kind === 'Namespace' && o.metadata.name === 'fleetward');
    expect(ns?.metadata.labels?.['pod-security.kubernetes.io/enforce']).toBe('restricted');
  });

  it('has the Jobs and labels that the rollout commands in deploy/README.md wait for and select', () => {
    const readme = readFileSync(path.join(deployDir, 'README.md'), 'utf8');
    const waited = [...readme.matchAll(/wait --for=condition=complete ((?:job\/[\w-]+ ?)+)/g)].flatMap((m) =>
      m[1]!
        .trim()
        .split(' ')
        .map((j) => j.replace('job/', '')),
    );
    expect(waited.length).toBeGreaterThan(0);
    for (const job of waited) expect(findObject(objects, 'Job', job)?.metadata.labels).toMatchObject(SETUP_LABELS);
    const jobs = objects.filter((o) => o.kind === 'Job').map((o) => o.metadata.name);
    expect([...new Set(waited)].sort()).toEqual(jobs.sort());
    expect(readme).toContain('-l fleetward.io/phase=setup');
    expect(readme).toContain('-l app.kubernetes.io/component=setup');
  });

  it('holds at most 200 Postgres connections with every service at its autoscaler maximum (DB_POOL_SIZE)', () => {
    const total = serviceNames().reduce((sum, service) => {
      const t = serviceDeployment(objects, service)!;
      const hpa = findObject(objects, 'HorizontalPodAutoscaler', t.owner.metadata.name);
      const pods = hpa?.spec.maxReplicas ?? t.owner.spec.replicas ?? 1;
      const pool = Number(resolveEnv(t.spec.containers[0]!, objects).vars.get('DB_POOL_SIZE')?.value);
      expect(pool).toBeGreaterThan(0);
      return sum + pods * pool;
    }, 0);
    expect(total).toBeLessThanOrEqual(200);
  });

  it('lets every pod reach what its *_URL variables point at, and nothing blocks the way back in', () => {
    expect(networkProblems(objects)).toEqual([]);
  });

  it('denies all traffic by default and opens only named paths', () => {
    const deny = objects.find(
      (o) =>
        o.kind === 'NetworkPolicy' &&
        Object.keys(o.spec.podSelector ?? {}).length === 0 &&
        !o.spec.ingress &&
        !o.spec.egress,
    );
    expect(deny?.spec.policyTypes).toEqual(expect.arrayContaining(['Ingress', 'Egress']));
  });
});
