import { Logger } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { outboxChannel, quoteIdent } from './outbox-sql.js';

interface PgClient {
  query(sql: string): Promise<unknown>;
  on(event: 'notification', fn: (n: { channel: string }) => void): void;
  on(event: 'error', fn: (err: Error) => void): void;
  removeAllListeners(event?: string): void;
}
type Driver = { obtainMasterConnection(): Promise<[PgClient, (err?: unknown) => void]> };

/**
 * Holds one pooled connection in `LISTEN` on the schema's outbox channel and calls `onNotify` when a transaction that
 * inserted outbox rows commits. If the connection breaks, the relay's timer keeps working; `ensure` listens again.
 */
export class OutboxListener {
  private readonly logger = new Logger(OutboxListener.name);
  private client?: PgClient;
  private release?: (err?: unknown) => void;
  private connecting?: Promise<void>;
  private lastAttempt = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly schema: string,
    private readonly onNotify: () => void,
  ) {}

  /** Starts listening unless already listening (retries at most every 5 s). */
  ensure(): Promise<void> {
    if (this.client || Date.now() - this.lastAttempt < 5_000) return Promise.resolve();
    this.connecting ??= this.connect().finally(() => (this.connecting = undefined));
    return this.connecting;
  }

  private async connect(): Promise<void> {
    this.lastAttempt = Date.now();
    try {
      const [client, release] = await (this.dataSource.driver as unknown as Driver).obtainMasterConnection();
      client.on('notification', () => this.onNotify());
      client.on('error', (err) => {
        this.logger.warn(`outbox LISTEN connection lost: ${err.message}`);
        this.drop(err);
      });
      this.client = client;
      this.release = release;
      await client.query(`LISTEN ${quoteIdent(outboxChannel(this.schema))}`);
    } catch (err) {
      this.logger.warn(`outbox LISTEN failed, polling only: ${err instanceof Error ? err.message : String(err)}`);
      this.drop(err ?? true);
    }
  }

  private drop(err: unknown): void {
    const { client, release } = this;
    this.client = undefined;
    this.release = undefined;
    client?.removeAllListeners('notification');
    // Passing an error to release destroys the connection instead of returning a LISTENing one to the pool.
    release?.(err);
  }

  async close(): Promise<void> {
    await this.connecting;
    this.drop(new Error('outbox relay stopped'));
  }
}
