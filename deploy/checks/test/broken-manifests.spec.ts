import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { overlayProblems } from '../src/all-checks.js';
import { k8sDir } from '../src/paths.js';
import { renderOverlay } from '../src/render.js';

/** A copy of deploy/k8s per case, one file edited, then rendered and checked like the real overlays. */
let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'fleetward-k8s-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function problemsAfter(file: string, from: string | RegExp, to: string, overlay = 'prod'): string[] {
  const dir = mkdtempSync(path.join(tmp, 'case-'));
  cpSync(k8sDir, dir, { recursive: true });
  const target = path.join(dir, file);
  const before = readFileSync(target, 'utf8');
  const after = before.replace(from, to);
  if (after === before) throw new Error(`mutation did not apply: ${String(from)} not found in ${file}`);
  writeFileSync(target, after);
  try {
    return overlayProblems(renderOverlay(overlay, dir));
  } catch (err) {
    return [(err as Error).message];
  }
}

describe('a broken manifest fails the checks', () => {
  it('the unmodified copy passes', () => {
    const dir = mkdtempSync(path.join(tmp, 'clean-'));
    cpSync(k8sDir, dir, { recursive: true });
    expect(overlayProblems(renderOverlay('prod', dir))).toEqual([]);
  });

  it.each([
    ['invalid YAML', 'base/gateway/service.yaml', 'spec:', 'spec: [', 'failed:'],
    ['a field of the wrong type', 'base/inventory/deployment.yaml', 'replicas: 2', 'replicas: two', 'replicas'],
    ['a malformed quantity', 'base/lifecycle/deployment.yaml', 'memory: 512Mi }', 'memory: lots }', 'quantity'],
    ['a missing limit', 'base/gateway/deployment.yaml', /limits: \{[^}]*\}/, 'limits: {}', 'no memory limit'],
    [
      'a root container',
      'base/health/deployment.yaml',
      /runAsNonRoot: true\n {12}allowPrivilegeEscalation/,
      'runAsNonRoot: false\n            allowPrivilegeEscalation',
      'runAsNonRoot must be true',
    ],
    [
      'a writable root filesystem',
      'base/notifier/deployment.yaml',
      'readOnlyRootFilesystem: true',
      'readOnlyRootFilesystem: false',
      'readOnlyRootFilesystem must be true',
    ],
    [
      'a missing readiness probe',
      'base/inventory/deployment.yaml',
      / +readinessProbe:\n(.*\n){4}/,
      '',
      'no readinessProbe',
    ],
    ['a probe on the wrong path', 'base/gateway/deployment.yaml', 'path: /readyz', 'path: /ready', 'expected /readyz'],
    ['a PORT that is not the container port', 'base/kustomization.yaml', 'PORT=8082', 'PORT=9000', 'PORT=9000'],
    [
      'a Service that selects nothing',
      'base/lifecycle/service.yaml',
      'selector:\n    app.kubernetes.io/name: lifecycle',
      'selector:\n    app.kubernetes.io/name: lifecycl',
      'selects no pods',
    ],
    [
      'an HPA scaling a missing Deployment',
      'base/notifier/hpa.yaml',
      'name: fleetward-notifier\n  minReplicas',
      'name: fleetward-notifer\n  minReplicas',
      'not rendered',
    ],
    [
      'an env reference to a missing ConfigMap key',
      'base/jobs/nats-provision.yaml',
      'key: NATS_REPLICAS',
      'key: NATS_REPLICA',
      'NATS_REPLICA',
    ],
    [
      'a Job outside the setup phase',
      'base/jobs/migrate.yaml',
      'fleetward.io/phase: setup',
      'fleetward.io/phase: run',
      'setup phase',
    ],
    [
      'a Job that no longer runs the migrations',
      'base/jobs/migrate.yaml',
      "args: ['tools/dev/migrate.mjs']",
      "args: ['tools/dev/migrations.mjs']",
      'no Job runs tools/dev/migrate.mjs',
    ],
    [
      'a misspelt field',
      'base/gateway/deployment.yaml',
      'timeoutSeconds: 3',
      'timeoutSecond: 3',
      'timeoutSecond is not a field',
    ],
    [
      'a pod cut off from the engines',
      'base/health/deployment.yaml',
      "uses-engines: 'true'",
      "uses-engines: 'no'",
      'egress blocked',
      'dev',
    ],
    [
      'the gateway cut off from a service',
      'base/gateway/networkpolicy.yaml',
      'endPort: 8084',
      'endPort: 8082',
      'egress blocked',
      'dev',
    ],
    [
      'an engine that refuses the services',
      'overlays/dev/networkpolicy.yaml',
      '- { protocol: TCP, port: 4222 }',
      '- { protocol: TCP, port: 4223 }',
      'ingress into StatefulSet/nats blocked',
      'dev',
    ],
    [
      'an unknown kind',
      'base/common/serviceaccount.yaml',
      'kind: ServiceAccount',
      'kind: ServiceAcount',
      'no Kubernetes schema',
    ],
    [
      'an HTTPRoute to a missing Service',
      'base/gateway/httproute.yaml',
      '{ name: fleetward-gateway, port: 8080 }',
      '{ name: fleetward-gw, port: 8080 }',
      'backend fleetward-gw is not a rendered Service',
    ],
    [
      'a grace period shorter than the drain',
      'base/notifier/deployment.yaml',
      'terminationGracePeriodSeconds: 40',
      'terminationGracePeriodSeconds: 30',
      'Deployment/fleetward-notifier: terminationGracePeriodSeconds 30 is shorter',
    ],
    [
      'a pod without a preStop sleep',
      'base/gateway/deployment.yaml',
      / +lifecycle:\n +preStop:\n +sleep: \{ seconds: 5 \}\n/,
      '',
      'Deployment/fleetward-gateway: no lifecycle.preStop sleep',
    ],
    [
      'a shutdown budget raised past the grace period',
      'base/kustomization.yaml',
      'SHUTDOWN_TIMEOUT_MS=10000',
      'SHUTDOWN_TIMEOUT_MS=60000',
      'Deployment/fleetward-inventory: terminationGracePeriodSeconds 30 is shorter',
    ],
    [
      'a notifier whose shutdown budget is shorter than its webhook timeout',
      'base/kustomization.yaml',
      'WEBHOOK_TIMEOUT_MS=10000',
      'WEBHOOK_TIMEOUT_MS=20000',
      'SHUTDOWN_TIMEOUT_MS 30000 does not cover a webhook in progress',
    ],
    [
      'metrics exposed publicly',
      'base/gateway/httproute.yaml',
      '- path: { type: PathPrefix, value: /metrics }',
      '- path: { type: PathPrefix, value: /metrix }',
      '/metrics is exposed publicly',
    ],
    ['a misspelt HTTPRoute field', 'base/gateway/httproute.yaml', 'backendRefs:', 'backendRef:', 'Unrecognized key'],
  ])('%s', (_what, file, from, to, expected, overlay = 'prod') => {
    const problems = problemsAfter(file, from, to, overlay);
    expect(problems.join('\n')).toContain(expected);
  });
});
