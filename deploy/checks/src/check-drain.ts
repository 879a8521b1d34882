import { minShutdownTimeoutMs, minTerminationGraceSeconds } from '@fleetward/platform';
import type { ProvidedVar } from './env.js';
import { describe as label, type PodTemplate } from './objects.js';

/** Kubernetes' default when a pod spec sets none. */
const DEFAULT_GRACE_SECONDS = 30;

/**
 * A service Deployment drains cleanly (docs/platform.md, shutdown): a preStop sleep so load balancers stop sending
 * before SIGTERM, and a terminationGracePeriodSeconds that outlasts that sleep + PRESTOP_DELAY_MS +
 * SHUTDOWN_TIMEOUT_MS (else the kubelet kills the pod mid-drain). Where WEBHOOK_TIMEOUT_MS applies (the notifier),
 * SHUTDOWN_TIMEOUT_MS outlasts a webhook in progress. The variables must be set in the manifests to be compared.
 */
export function drainProblems(t: PodTemplate, vars: Map<string, ProvidedVar>): string[] {
  const where = label(t.owner);
  const c = t.spec.containers[0];
  if (!c) return [];
  const problems: string[] = [];
  const number = (name: string): number | undefined => {
    const raw = vars.get(name)?.value;
    if (raw === undefined) return undefined;
    const n = Number(raw);
    if (!Number.isFinite(n)) problems.push(`${where}: ${name}=${raw} is not a number`);
    return Number.isFinite(n) ? n : undefined;
  };

  const preStop = c.lifecycle?.preStop?.sleep?.seconds;
  if (!Number.isInteger(preStop) || preStop! < 1)
    problems.push(`${where}: no lifecycle.preStop sleep (load balancers would still send requests after SIGTERM)`);
  const shutdownMs = number('SHUTDOWN_TIMEOUT_MS');
  const preStopDelayMs = number('PRESTOP_DELAY_MS') ?? 0;
  if (shutdownMs === undefined) {
    problems.push(`${where}: SHUTDOWN_TIMEOUT_MS is not set, so terminationGracePeriodSeconds cannot be checked`);
  } else {
    const grace = Number(t.spec['terminationGracePeriodSeconds'] ?? DEFAULT_GRACE_SECONDS);
    const need = minTerminationGraceSeconds(preStop ?? 0, preStopDelayMs, shutdownMs);
    if (grace < need)
      problems.push(
        `${where}: terminationGracePeriodSeconds ${grace} is shorter than preStop ${preStop ?? 0} s + ` +
          `PRESTOP_DELAY_MS ${preStopDelayMs} + SHUTDOWN_TIMEOUT_MS ${shutdownMs} + 2 s (${need} s): ` +
          'the pod would be killed mid-drain',
      );
  }
  const webhookMs = number('WEBHOOK_TIMEOUT_MS');
  if (t.labels['app.kubernetes.io/name'] === 'notifier' && webhookMs === undefined)
    problems.push(`${where}: WEBHOOK_TIMEOUT_MS is not set, so the shutdown budget cannot be checked against it`);
  if (webhookMs !== undefined && shutdownMs !== undefined && shutdownMs < minShutdownTimeoutMs(webhookMs))
    problems.push(
      `${where}: SHUTDOWN_TIMEOUT_MS ${shutdownMs} does not cover a webhook in progress ` +
        `(WEBHOOK_TIMEOUT_MS ${webhookMs}: at least ${minShutdownTimeoutMs(webhookMs)})`,
    );
  return problems;
}
