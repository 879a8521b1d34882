/**
 * The arithmetic of a graceful stop (see `gracefulStop` in service/): after PRESTOP_DELAY_MS, in-flight HTTP requests
 * and RPCs get up to half of SHUTDOWN_TIMEOUT_MS; the other half covers what modules finish in `onModuleDestroy`
 * (a consumer's round, the notifier's webhook deliveries) and the connections' drain.
 */
export const DRAIN_MARGIN_MS = 2_000;

/** The least SHUTDOWN_TIMEOUT_MS that lets a piece of work taking up to `longestWorkMs` finish during a stop. */
export function minShutdownTimeoutMs(longestWorkMs: number): number {
  return 2 * (longestWorkMs + DRAIN_MARGIN_MS);
}

/**
 * The least Kubernetes `terminationGracePeriodSeconds` for a pod whose preStop hook sleeps `preStopSeconds` before
 * SIGTERM: the kubelet counts the hook in the grace period, then the process takes up to PRESTOP_DELAY_MS +
 * SHUTDOWN_TIMEOUT_MS; 2 s more for the process to exit before it is killed.
 */
export function minTerminationGraceSeconds(preStopSeconds: number, preStopDelayMs: number, shutdownTimeoutMs: number) {
  return preStopSeconds + Math.ceil((preStopDelayMs + shutdownTimeoutMs) / 1000) + 2;
}
