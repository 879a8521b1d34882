import { Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { quoteIdent, schemaOfDataSource } from '../outbox/outbox-sql.js';

export interface InboxPrunerOptions {
  /**
   * How long an applied event is remembered. A redelivery can only carry an event still in its stream, so this must
   * exceed the stream's max age (FLEET_EVENTS keeps 30 days: `deploy/nats/streams/fleet-events.json`).
   */
  retentionDays?: number;
  /** How often the old records are deleted (each replica does it; it is idempotent). */
  everyMs?: number;
  /** Rows per DELETE statement, so no statement holds locks for long. */
  batchSize?: number;
}

const DAY = 86_400_000;

/** Keeps the inbox table bounded: deletes records older than the retention, in small batches, on a timer. */
export class InboxPruner implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(InboxPruner.name);
  private readonly retentionMs: number;
  private readonly everyMs: number;
  private readonly batchSize: number;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;

  constructor(
    private readonly dataSource: DataSource,
    options: InboxPrunerOptions = {},
  ) {
    this.retentionMs = (options.retentionDays ?? 31) * DAY;
    this.everyMs = options.everyMs ?? 3_600_000;
    this.batchSize = options.batchSize ?? 5000;
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(
      () => void this.pruneNow().catch((err: Error) => this.logger.warn(`inbox prune failed: ${err.message}`)),
      this.everyMs,
    );
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }

  /** Deletes every record older than the retention; returns how many. One run at a time per process. */
  pruneNow(now = new Date()): Promise<number> {
    this.running ??= this.prune(new Date(now.getTime() - this.retentionMs)).finally(() => (this.running = null));
    return this.running;
  }

  private async prune(before: Date): Promise<number> {
    const table = `${quoteIdent(schemaOfDataSource(this.dataSource))}.inbox`;
    let total = 0;
    for (;;) {
      const [, n] = (await this.dataSource.query(
        `DELETE FROM ${table} WHERE ctid = ANY (ARRAY(
           SELECT ctid FROM ${table} WHERE processed_at < $1 LIMIT $2))`,
        [before, this.batchSize],
      )) as [unknown, number];
      total += n;
      if (n < this.batchSize) break;
    }
    if (total > 0) this.logger.log(`inbox: forgot ${total} events applied before ${before.toISOString()}`);
    return total;
  }
}
