import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { withOrg } from '@fleetward/platform';
import { DueWorkRepository } from './due-work.repository.js';
import { JobScheduler } from './job-scheduler.js';

const SWEEP_MS = 30_000;
/** Work due within this horizon is (re-)queued by each sweep; later work is queued when it is planned. */
const HORIZON_MS = 2 * SWEEP_MS;

/**
 * Rebuilds the queue from Postgres at boot and every 30 s. Every replica may sweep: job ids are deterministic, so a
 * second add of the same job is a no-op. This is a safety net, not the scheduler: planned jobs are queued at once.
 */
@Injectable()
export class WorkSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(WorkSweeper.name);
  private timer?: NodeJS.Timeout;

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly due: DueWorkRepository,
    private readonly scheduler: JobScheduler,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.sweep();
    this.timer = setInterval(() => void this.sweep(), SWEEP_MS);
    this.timer.unref();
  }

  async sweep(now = new Date()): Promise<number> {
    try {
      const horizon = new Date(now.getTime() + HORIZON_MS);
      let queued = 0;
      for (const orgId of await this.due.orgs(this.ds.manager)) {
        const jobs = await withOrg(this.ds, orgId, (m) => this.due.due(m, orgId, horizon));
        await this.scheduler.enqueue(jobs);
        queued += jobs.length;
      }
      return queued;
    } catch (err) {
      this.logger.error(`sweep failed: ${(err as Error).message}`);
      return 0;
    }
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }
}
