import type { Logger } from '@nestjs/common';
import type { Consumer, ConsumerMessages, JsMsg } from '@nats-io/jetstream';
import type { MessageProcessor } from './message-processor.js';

const FETCH_EXPIRES_MS = 5_000;
const RETRY_MS = 1_000;

/**
 * Pull loop: one fetch of up to `batch` messages in flight while the previous round is processed, so at most two
 * rounds sit on this client at once. (`consume()` would keep pulling as messages arrive, however slowly they are
 * handled, and let buffered messages outlive their ack deadline.) A round is whatever has arrived, up to `batch`.
 */
export class FetchLoop {
  private readonly queue: JsMsg[] = [];
  private wakeUp?: () => void;
  private fetching?: Promise<void>;
  private current?: ConsumerMessages;
  private stopping = false;
  private finished = false;
  readonly done: Promise<void>;

  constructor(
    private readonly consumer: Consumer,
    private readonly processor: MessageProcessor,
    private readonly batch: number,
    private readonly logger: Logger,
    /** True once the NATS connection is closed for good: nothing left to fetch or ack. */
    private readonly connectionClosed: () => boolean,
    ackWaitMs: number,
  ) {
    // Messages waiting behind a slow round must not reach their ack deadline and be redelivered meanwhile.
    const keepAlive = setInterval(() => this.queue.forEach((m) => m.working()), ackWaitMs / 3);
    keepAlive.unref();
    this.done = this.run().finally(() => {
      clearInterval(keepAlive);
      this.finished = true;
    });
  }

  get running(): boolean {
    return !this.finished;
  }

  /** Stops fetching, lets the round in progress settle, and hands back the rest for immediate redelivery. */
  async stop(): Promise<void> {
    this.stopping = true;
    // Not awaited: the close takes effect when the fetch's own iteration reaches it.
    void this.current?.close();
    this.wake();
    await this.done;
  }

  private wake(): void {
    const w = this.wakeUp;
    this.wakeUp = undefined;
    w?.();
  }

  private sleep(ms?: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = ms === undefined ? undefined : setTimeout(() => this.wake(), ms);
      this.wakeUp = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  private startFetch(): void {
    this.fetching = (async () => {
      try {
        const messages = await this.consumer.fetch({ max_messages: this.batch, expires: FETCH_EXPIRES_MS });
        this.current = messages;
        if (this.stopping) void messages.close();
        for await (const msg of messages) {
          this.queue.push(msg);
          this.wake();
        }
      } catch (err) {
        if (this.stopping || this.connectionClosed()) return;
        this.logger.error(
          `fetch failed, retrying in ${RETRY_MS} ms: ${err instanceof Error ? err.message : String(err)}`,
        );
        await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
      }
    })().finally(() => {
      this.fetching = undefined;
      this.current = undefined;
      this.wake();
    });
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      if (this.connectionClosed()) {
        this.logger.error('NATS connection closed: consumer stopped (unacked messages will be redelivered)');
        break;
      }
      if (!this.fetching && this.queue.length < this.batch) this.startFetch();
      if (this.queue.length === 0) {
        await this.sleep();
        continue;
      }
      try {
        await this.processor.process(this.queue.splice(0, this.batch));
      } catch (err) {
        // Unsettled messages of this round come back after the ack deadline.
        this.logger.error(`round failed unexpectedly: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    await this.fetching;
    for (const msg of this.queue.splice(0)) msg.nak();
  }
}
