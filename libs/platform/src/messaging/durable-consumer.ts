import { Injectable, Logger, Scope, type OnModuleDestroy } from '@nestjs/common';
import { NatsClient } from '../nats/nats-client.js';
import { ensureConsumer } from './consumer-config.js';
import { resolveConsumerOptions, type ConsumerStartOptions } from './consumer-options.js';
import { FetchLoop } from './fetch-loop.js';
import { trackConsumerLag, untrackConsumerLag } from './consumer-lag.js';
import { MessageProcessor } from './message-processor.js';

/**
 * A JetStream pull consumer with explicit acks (see `ConsumerStartOptions`). Transient provider: inject one per
 * consumer, call `start` once (e.g. in `onApplicationBootstrap`); it stops itself in `onModuleDestroy`, before the
 * NATS connection drains.
 *
 * Messages are taken in rounds: whatever has arrived, up to `batch`. A round is settled completely (ack, nak with
 * delay, or term + dead letter) before the next starts, so `stop()` ends after the current round and nothing is lost:
 * messages received but not started are nak'ed for immediate redelivery, anything still in transit to this client
 * when it stops is redelivered after `ackWaitMs`.
 */
@Injectable({ scope: Scope.TRANSIENT })
export class DurableConsumer implements OnModuleDestroy {
  private logger = new Logger(DurableConsumer.name);
  private loop?: FetchLoop;
  private stopping?: Promise<void>;
  private durable?: string;

  constructor(private readonly nats: NatsClient) {}

  async start(options: ConsumerStartOptions): Promise<void> {
    if (this.loop) throw new Error(`consumer ${options.durable} is already started`);
    const resolved = resolveConsumerOptions(options);
    this.logger = new Logger(`DurableConsumer:${resolved.durable}`);
    await ensureConsumer(this.nats.jsm, resolved);
    const consumer = await this.nats.js.consumers.get(resolved.stream, resolved.durable);
    const processor = new MessageProcessor(this.nats.js, resolved);
    const closed = () => this.nats.nc.isClosed();
    this.loop = new FetchLoop(consumer, processor, resolved.batch, this.logger, closed, resolved.ackWaitMs);
    this.durable = resolved.durable;
    trackConsumerLag(resolved.durable, resolved.stream, this.nats.jsm);
  }

  /** True from `start` until the loop ends (`stop`, or the NATS connection closed for good): for readiness checks. */
  get running(): boolean {
    return this.loop?.running ?? false;
  }

  /** Finishes the current round, stops fetching, and flushes the acks to the server. */
  async stop(): Promise<void> {
    if (!this.loop || this.stopping) return this.stopping;
    if (this.durable) untrackConsumerLag(this.durable);
    this.stopping = this.loop.stop().then(async () => {
      if (!this.nats.nc.isClosed()) await this.nats.nc.flush();
    });
    return this.stopping;
  }

  async onModuleDestroy(): Promise<void> {
    await this.stop();
  }
}
