import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { APP_CONFIG } from '@fleetward/platform';
import type { Config } from '../config.js';
import { DailyEvaluationService } from './daily-evaluation.service.js';

/**
 * A light poll: every LIFECYCLE_SCHEDULE_POLL_MS this replica asks Postgres which organisations are due and runs the
 * ones it claims. It holds no schedule of its own, so any number of replicas poll side by side, a restart loses
 * nothing, and days missed while every replica was down are caught up by one run at the next poll.
 */
@Injectable()
export class DailyEvaluationScheduler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(DailyEvaluationScheduler.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;
  private stopping = false;

  constructor(
    private readonly daily: DailyEvaluationService,
    @Inject(APP_CONFIG) private readonly config: Config,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.LIFECYCLE_SCHEDULE_POLL_MS === 0) return;
    this.schedule(0);
  }

  /** Lets the run in progress finish (it commits or rolls back as a whole), then stops. */
  async onModuleDestroy(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private schedule(delayMs: number): void {
    if (this.stopping) return;
    this.timer = setTimeout(() => this.tick(), delayMs);
    this.timer.unref();
  }

  private tick(): void {
    this.running = this.daily
      .runDue(() => !this.stopping)
      .catch((err: Error) => this.logger.error(`daily evaluation poll failed: ${err.message}`, err.stack))
      .finally(() => {
        this.running = undefined;
        this.schedule(this.config.LIFECYCLE_SCHEDULE_POLL_MS);
      });
  }
}
