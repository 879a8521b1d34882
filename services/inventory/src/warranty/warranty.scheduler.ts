import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { WarrantyService } from './warranty.service.js';

const EVERY_MS = 60_000;

/**
 * Runs the warranty sweep at start (catch-up for days the service was down) and then every minute. It only decides
 * when to look: the notices themselves are exactly-once in Postgres, so several replicas sweeping at once is safe.
 */
@Injectable()
export class WarrantyScheduler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(WarrantyScheduler.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;

  constructor(private readonly warranty: WarrantyService) {}

  onApplicationBootstrap(): void {
    this.tick();
    this.timer = setInterval(() => this.tick(), EVERY_MS);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  private tick(): void {
    if (this.running) return;
    this.running = this.warranty
      .sweep()
      .catch((err: Error) => this.logger.error(`warranty sweep failed: ${err.message}`, err.stack))
      .finally(() => (this.running = undefined));
  }
}
