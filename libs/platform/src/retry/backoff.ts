export interface BackoffOptions {
  /** Wait before the first retry of an outage. */
  initialMs: number;
  /** The wait never grows past this (before jitter). */
  maxMs: number;
  /** Up to this fraction of the wait is added at random, so replicas do not retry in step. */
  jitter: number;
  /** A call this long after the previous one starts a new outage (the wait starts from `initialMs` again). */
  resetAfterMs?: number;
}

/**
 * Capped backoff with jitter as a stateful `() => ms`, the shape of nats.js's `reconnectDelayHandler`. nats.js calls
 * it on every turn of its dial loop (also while it only waits), not once per attempt, and never says when an outage
 * ended; so the wait grows with the time the outage has lasted (half of it: 250 ms, 375, 560... up to the cap), and
 * a call long after the previous one (no dial loop ran in between: it was connected) starts a new outage.
 */
export function cappedBackoff(options: BackoffOptions, now: () => number = Date.now): () => number {
  const resetAfterMs = options.resetAfterMs ?? options.maxMs * (1 + options.jitter) + 1_000;
  let outageStart = 0;
  let last = -Infinity;
  return () => {
    const t = now();
    if (t - last > resetAfterMs) outageStart = t;
    last = t;
    const base = Math.min(Math.max((t - outageStart) / 2, options.initialMs), options.maxMs);
    return Math.round(base * (1 + Math.random() * options.jitter));
  };
}

/** The delay before retry number `attempt` (1-based): for clients that count attempts themselves (ioredis, boot). */
export function backoffDelay(attempt: number, options: BackoffOptions): number {
  const base = Math.min(options.initialMs * 2 ** Math.max(0, attempt - 1), options.maxMs);
  return Math.round(base * (1 + Math.random() * options.jitter));
}

/** The platform's one reconnect policy for NATS, Postgres and Redis: 250 ms doubling to 5 s, +20% jitter. */
export const RECONNECT_BACKOFF: BackoffOptions = { initialMs: 250, maxMs: 5_000, jitter: 0.2 };
