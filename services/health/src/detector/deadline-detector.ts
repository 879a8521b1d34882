import { Logger } from '@nestjs/common';
import type { HealthStore } from '../engine/health-store.js';

export interface DetectorOptions {
  /** Longest sleep when no nearer deadline is known (another replica may have set one). */
  maxSleepMs: number;
  claimLimit: number;
}

/**
 * Deadline-driven detection: sleeps until the earliest known deadline (bounded by maxSleepMs), then claims what is
 * due, organisation by organisation, through one atomic script per chunk. Never scans all devices. Any number of
 * replicas may run it: a due step is applied by whichever replica's script runs first.
 */
export class DeadlineDetector {
  private readonly logger = new Logger(DeadlineDetector.name);
  private stopped = false;
  private wake?: () => void;
  private loop?: Promise<void>;
  /** False while this replica cannot see its input (NATS disconnected): it then decides nothing. */
  inputConnected: () => boolean = () => true;
  /** Run at the start of every pass: checks that the state was not lost (and starts its rebuild if it was). */
  stateCheck: () => Promise<void> = () => Promise.resolve();

  constructor(
    private readonly store: HealthStore,
    private readonly options: DetectorOptions,
  ) {}

  start(): void {
    this.loop = this.run();
  }

  /** Re-aims the timer now (a flush may have set an earlier deadline). */
  poke(): void {
    this.wake?.();
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      let wait = this.options.maxSleepMs;
      try {
        wait = await this.pass();
      } catch (err) {
        this.logger.error(`deadline pass failed: ${String(err)}`);
      }
      if (this.stopped) break;
      if (wait > 0)
        await new Promise<void>((resolve) => {
          const t = setTimeout(resolve, wait);
          this.wake = () => {
            clearTimeout(t);
            resolve();
          };
        });
      this.wake = undefined;
    }
  }

  /** Applies everything due now; returns how long to sleep. */
  async pass(): Promise<number> {
    if (!this.inputConnected()) return this.options.maxSleepMs;
    await this.stateCheck();
    const now = Date.now();
    let blocked = false;
    for (const org of await this.store.dueOrgs(now)) {
      for (;;) {
        const r = await this.store.claimDue(org, Date.now());
        if (r.claimed < 0) blocked = true;
        if (r.claimed < this.options.claimLimit) break;
      }
    }
    if (blocked) return this.options.maxSleepMs;
    const next = await this.store.nextHint();
    if (next === null) return this.options.maxSleepMs;
    return Math.max(0, Math.min(this.options.maxSleepMs, next - Date.now() + 1));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.loop;
  }
}
