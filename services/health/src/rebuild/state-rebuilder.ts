import { randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import type { ExpectedDeviceSource } from '../directory/expected-device-source.repository.js';
import type { StateEpochStore } from '../engine/state-epoch.store.js';
import { healthMetrics } from '../health-metrics.js';
import { reportRebuild, type RebuildReport } from './rebuild-report.js';

export type { RebuildReport } from './rebuild-report.js';

export interface RebuildOptions {
  /** Devices read from Postgres per page. */
  pageSize: number;
  /** Lifetime of the rebuild lock; renewed every third of it while the rebuild runs. */
  lockTtlMs: number;
  /** Wait after a failed rebuild before the next attempt. */
  retryMs: number;
  /** How long a starting replica waits for its rebuild before it takes heartbeats anyway. */
  bootWaitMs: number;
}

export const defaultRebuildOptions: RebuildOptions = {
  pageSize: 100_000,
  lockTtlMs: 30_000,
  retryMs: 5_000,
  bootWaitMs: 20_000,
};

/**
 * Notices that the Redis state was lost (its epoch marker is gone) and rebuilds the expected devices, their thresholds
 * and site membership from the directory. One replica at a time (a lock next to the state); idempotent (a device
 * already in Redis is left alone), so a rebuild cut short is simply run again.
 */
export class StateRebuilder {
  private readonly logger = new Logger(StateRebuilder.name);
  private running?: Promise<RebuildReport>;
  /** The outcome of this replica's last rebuild that did something (not skipped). */
  last?: RebuildReport;
  private failedAt = 0;

  constructor(
    private readonly epoch: StateEpochStore,
    private readonly source: ExpectedDeviceSource,
    readonly options: RebuildOptions = defaultRebuildOptions,
  ) {}

  /** For /readyz: throws while the state is lost or being rebuilt (by this replica or another). */
  async readiness(): Promise<void> {
    if (this.running || (await this.epoch.rebuilding()))
      throw new Error('rebuilding: Redis liveness state was lost, restoring it from the directory');
    if (!(await this.epoch.sealed())) {
      const failed = this.last?.outcome === 'failed' ? `; last rebuild failed: ${this.last.error}` : '';
      throw new Error(`state lost: rebuild pending${failed}`);
    }
  }

  /** Waits for a rebuild this replica runs, at most `timeoutMs` when given. */
  async idle(timeoutMs?: number): Promise<void> {
    if (!this.running) return;
    if (timeoutMs === undefined) {
      await this.running;
      return;
    }
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)));
    await Promise.race([this.running, timeout]).finally(() => clearTimeout(timer));
  }

  /** Checks the epoch marker (one EXISTS) and starts a rebuild when it is missing. */
  async check(): Promise<void> {
    if (!this.running && !(await this.epoch.sealed())) this.notice();
  }

  /**
   * Starts a rebuild unless this replica runs one already, or the last one failed less than `retryMs` ago (a
   * directory that cannot be read is not hammered every detector pass).
   */
  notice(): void {
    if (this.running || (this.last?.outcome === 'failed' && Date.now() < this.failedAt + this.options.retryMs)) return;
    this.running = this.run().finally(() => (this.running = undefined));
  }

  private async run(): Promise<RebuildReport> {
    const started = performance.now();
    const token = randomUUID();
    const took = () => Math.round(performance.now() - started);
    try {
      if (!(await this.epoch.acquire(token, this.options.lockTtlMs)) || (await this.sealedMeanwhile(token)))
        return { outcome: 'skipped', restored: 0, orgs: 0, durationMs: took() };
      return this.record({ ...(await this.restoreAll(token)), durationMs: took() });
    } catch (err) {
      await this.epoch.release(token).catch(() => undefined);
      return this.record({ outcome: 'failed', restored: 0, orgs: 0, durationMs: took(), error: String(err) });
    }
  }

  /** Another replica may have sealed the state between our check and our lock. */
  private async sealedMeanwhile(token: string): Promise<boolean> {
    if (!(await this.epoch.sealed())) return false;
    await this.epoch.release(token);
    return true;
  }

  private async restoreAll(token: string): Promise<Omit<RebuildReport, 'durationMs'>> {
    healthMetrics.rebuilding().set(1);
    const base = Date.now();
    const renew = setInterval(
      () => void this.epoch.renew(token, this.options.lockTtlMs).catch(() => undefined),
      this.options.lockTtlMs / 3,
    );
    try {
      const orgs = await this.source.orgs();
      let restored = 0;
      for (const org of orgs) restored += await this.restoreOrg(org, base);
      const sealed = await this.epoch.seal(token, `${new Date(base).toISOString()} ${token}`);
      return { outcome: sealed ? 'done' : 'interrupted', restored, orgs: orgs.length };
    } finally {
      clearInterval(renew);
      healthMetrics.rebuilding().set(0);
    }
  }

  /** Pages of one organisation; the next page is read from Postgres while the current one is written to Redis. */
  private async restoreOrg(orgId: string, base: number): Promise<number> {
    const size = this.options.pageSize;
    let restored = 0;
    let page = await this.source.page(orgId, '', size);
    while (page.length > 0) {
      const next = page.length < size ? Promise.resolve([]) : this.source.page(orgId, page.at(-1)!.deviceId, size);
      // observed below; without this a read failing while the write fails too would be an unhandled rejection
      next.catch(() => undefined);
      restored += await this.epoch.restore(orgId, base, page);
      page = await next;
    }
    return restored;
  }

  private record(out: RebuildReport): RebuildReport {
    this.last = out;
    if (out.outcome === 'failed') this.failedAt = Date.now();
    reportRebuild(this.logger, out);
    return out;
  }
}
