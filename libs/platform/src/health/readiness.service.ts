import { Injectable } from '@nestjs/common';

/** A readiness probe: resolves when the dependency answers, throws (or times out) when it does not. */
export type ReadinessCheck = () => Promise<unknown>;

export interface ReadinessResult {
  ready: boolean;
  checks: Record<string, 'ok' | string>;
}

export const READINESS_TIMEOUT_MS = 1500;

/**
 * The checks behind `/readyz`. The platform registers `nats`, `postgres` and `redis`; a service adds its own in
 * `onModuleInit` with `readiness.register('name', () => ...)`.
 */
@Injectable()
export class ReadinessService {
  private readonly checks = new Map<string, ReadinessCheck>();

  register(name: string, check: ReadinessCheck): void {
    this.checks.set(name, check);
  }

  async run(timeoutMs = READINESS_TIMEOUT_MS): Promise<ReadinessResult> {
    const entries = await Promise.all(
      [...this.checks].map(async ([name, check]) => [name, await outcome(check, timeoutMs)] as const),
    );
    return { ready: entries.every(([, r]) => r === 'ok'), checks: Object.fromEntries(entries) };
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
