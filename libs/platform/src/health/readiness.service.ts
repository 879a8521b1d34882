import { Inject, Injectable, Optional } from '@nestjs/common';
import type { BaseConfig } from '../config/base-config.js';
import { APP_CONFIG } from '../config/tokens.js';

/** A readiness probe: resolves when the dependency answers, throws (or times out) when it does not. */
export type ReadinessCheck = () => Promise<unknown>;

export interface ReadinessResult {
  ready: boolean;
  /** `ok`, or what is wrong (also for a failure still within the grace period, which does not make it unready). */
  checks: Record<string, 'ok' | string>;
}

export const READINESS_TIMEOUT_MS = 1500;
export const DEFAULT_READINESS_GRACE_MS = 3000;

/**
 * The checks behind `/readyz`. The platform registers `nats`, `postgres` and `redis`; a service adds its own in
 * `onModuleInit` with `readiness.register('name', () => ...)`.
 *
 * A dependency counts as down only once it has failed for READINESS_GRACE_MS in a row (every probe since the first
 * failure failed): a sub-second blip of a shared engine must not take every replica out of the load balancer at once.
 * After `markDraining()` (SIGTERM) the service is unready whatever its dependencies say.
 */
@Injectable()
export class ReadinessService {
  private readonly checks = new Map<string, ReadinessCheck>();
  private readonly failingSince = new Map<string, number>();
  private readonly graceMs: number;
  private drainingSince?: number;

  constructor(@Optional() @Inject(APP_CONFIG) config?: Partial<Pick<BaseConfig, 'READINESS_GRACE_MS'>>) {
    this.graceMs = config?.READINESS_GRACE_MS ?? DEFAULT_READINESS_GRACE_MS;
  }

  register(name: string, check: ReadinessCheck): void {
    this.checks.set(name, check);
  }

  /** From now on `/readyz` answers 503 `shutdown: draining`, so load balancers stop sending new work. */
  markDraining(): void {
    this.drainingSince ??= Date.now();
  }

  get draining(): boolean {
    return this.drainingSince !== undefined;
  }

  async run(timeoutMs = READINESS_TIMEOUT_MS): Promise<ReadinessResult> {
    const entries = await Promise.all(
      [...this.checks].map(async ([name, check]) => [name, await outcome(check, timeoutMs)] as const),
    );
    const now = Date.now();
    let ready = true;
    for (const [name, result] of entries) {
      if (result === 'ok') {
        this.failingSince.delete(name);
        continue;
      }
      const since = this.failingSince.get(name) ?? now;
      this.failingSince.set(name, since);
      if (now - since >= this.graceMs) ready = false;
    }
    const checks: Record<string, string> = Object.fromEntries(entries);
    if (this.draining) {
      ready = false;
      checks['shutdown'] = 'draining';
    }
    return { ready, checks };
  }
}

async function outcome(check: ReadinessCheck, timeoutMs: number): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<string>((resolve) => {
    timer = setTimeout(() => resolve(`timed out after ${timeoutMs} ms`), timeoutMs);
  });
  try {
    return await Promise.race([
      Promise.resolve()
        .then(check)
        .then(
          () => 'ok',
          (err: unknown) => (err instanceof Error ? err.message : String(err)) || 'failed',
        ),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}
