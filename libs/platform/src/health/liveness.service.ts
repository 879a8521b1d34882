import { Injectable } from '@nestjs/common';

/** Says why the process cannot recover by itself, or undefined while it can. */
export type LivenessCheck = () => string | undefined;

/**
 * What `/healthz` reports. Deliberately not a dependency check (a NATS or Postgres outage must not restart every pod:
 * the connections reconnect by themselves); only states the process cannot leave without a restart, such as a NATS
 * connection closed for good. The platform registers `nats`; `runService` also exits 1 when that happens.
 */
@Injectable()
export class LivenessService {
  private readonly checks = new Map<string, LivenessCheck>();

  register(name: string, check: LivenessCheck): void {
    this.checks.set(name, check);
  }

  /** Every failing check by name (empty: alive). */
  failures(): Record<string, string> {
    const failed: Record<string, string> = {};
    for (const [name, check] of this.checks) {
      const reason = check();
      if (reason !== undefined) failed[name] = reason;
    }
    return failed;
  }
}
