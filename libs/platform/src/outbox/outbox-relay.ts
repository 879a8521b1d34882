import { Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import type { MessagePublisher } from '../messaging/outgoing-message.js';
import { OutboxListener } from './outbox-listener.js';
import { relayedCounter, watchOutbox } from './outbox-metrics.js';
import { quoteIdent, schemaOfDataSource } from './outbox-sql.js';
import { WakeSignal } from './wake-signal.js';

export interface OutboxRelayOptions {
  /** Rows claimed per transaction. */
  batchSize?: number;
  /** Fallback poll when no NOTIFY arrives. */
  pollIntervalMs?: number;
  /**
   * After a wake-up with little to do, wait this long so that commits arriving together go out in one batch (fewer,
   * larger relay transactions under load; adds at most this much latency).
   */
  gatherMs?: number;
  /** Publishes in flight while a batch goes out. */
  publishWindow?: number;
  /** Start on application bootstrap (when provided through Nest). */
  autoStart?: boolean;
}

interface Row {
  id: string;
  seq: number;
  subject: string;
  payload: string;
  headers: Record<string, string>;
}

/**
 * Publishes outbox rows: claim and delete a batch `FOR UPDATE SKIP LOCKED` (several relays share the work, never the
 * same row), publish with `Nats-Msg-Id` = event id, commit. If the process dies after publishing and before
 * the commit, the rows come back and are published again; JetStream drops the repeat within its duplicate window.
 * One relay publishes in outbox order; with several relays, batches may interleave, so consumers must not rely on
 * order across events (the inbox makes a late or repeated event harmless, not an out-of-order one).
 */
export class OutboxRelay implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(OutboxRelay.name);
  private readonly schema: string;
  private readonly table: string;
  private readonly wake = new WakeSignal();
  private readonly listener: OutboxListener;
  private readonly relayed = relayedCounter();
  private readonly batchSize: number;
  private readonly pollIntervalMs: number;
  private readonly publishWindow: number;
  private readonly gatherMs: number;
  private loop?: Promise<void>;
  private stopping = false;
  private unwatch?: () => void;

  constructor(
    private readonly dataSource: DataSource,
    private readonly publisher: MessagePublisher,
    private readonly options: OutboxRelayOptions = {},
  ) {
    this.schema = schemaOfDataSource(dataSource);
    this.table = `${quoteIdent(this.schema)}.outbox`;
    this.batchSize = options.batchSize ?? 1_000;
    this.pollIntervalMs = options.pollIntervalMs ?? 500;
    this.publishWindow = options.publishWindow ?? 512;
    this.gatherMs = options.gatherMs ?? 10;
    this.listener = new OutboxListener(dataSource, this.schema, () => this.wake.notify());
  }

  start(): void {
    if (this.loop) return;
    this.stopping = false;
    this.unwatch = watchOutbox(this.schema, this.dataSource);
    this.loop = this.run();
  }

  /** Lets the current batch commit (or roll back), then stops. */
  async stop(): Promise<void> {
    if (!this.loop) return;
    this.stopping = true;
    this.wake.notify();
    await this.loop;
    this.loop = undefined;
    await this.listener.close();
    this.unwatch?.();
  }

  /** One transaction: claim, publish, delete. Returns how many rows it published. */
  relayOnce(): Promise<number> {
    return this.dataSource.transaction((manager) => this.relayBatch(manager));
  }

  private async relayBatch(manager: EntityManager): Promise<number> {
    // Losing this commit in a crash only means publishing the rows again, which JetStream de-duplicates: no need to
    // wait for the WAL flush, so the relay adds no fsyncs to the writers' commits.
    await manager.query(`SET LOCAL synchronous_commit TO off`);
    // Claim and delete in one statement; the delete only becomes visible when this transaction commits after the
    // publish, and rolls back with it when the publish fails.
    // TypeORM answers a DELETE with [returned rows, affected count].
    const [rows] = (await manager.query(
      `DELETE FROM ${this.table} WHERE id IN (
         SELECT id FROM ${this.table} ORDER BY seq LIMIT $1 FOR UPDATE SKIP LOCKED)
       RETURNING id, seq::float8 AS seq, subject, payload::text AS payload, headers`,
      [this.batchSize],
    )) as [Row[], number];
    if (rows.length === 0) return 0;
    rows.sort((a, b) => a.seq - b.seq);
    await this.publisher.publishMessages(rows, this.publishWindow);
    return rows.length;
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (!this.stopping) {
      if (!this.dataSource.isInitialized) {
        this.logger.error('DataSource closed: outbox relay stopped');
        break;
      }
      await this.listener.ensure();
      let published: number;
      try {
        published = await this.relayOnce();
        if (published > 0) this.relayed.inc({ schema: this.schema }, published);
        failures = 0;
      } catch (err) {
        failures++;
        this.logger.warn(
          `outbox relay batch failed (attempt ${failures}): ${err instanceof Error ? err.message : String(err)}`,
        );
        await this.wake.wait(Math.min(this.pollIntervalMs * 2 ** failures, 30_000));
        continue;
      }
      if (published < this.batchSize && !this.stopping) {
        await this.wake.wait(this.pollIntervalMs);
        if (this.gatherMs > 0 && !this.stopping) await new Promise((resolve) => setTimeout(resolve, this.gatherMs));
      }
    }
  }

  onApplicationBootstrap(): void {
    if (this.options.autoStart ?? true) this.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.stop();
  }
}
