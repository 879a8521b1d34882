import { Injectable, Logger, Scope, type OnModuleDestroy } from '@nestjs/common';
import type { ConsumerMessages, JsMsg } from '@nats-io/jetstream';
import { NatsClient } from '../nats/nats-client.js';
import { ensureConsumer } from './consumer-config.js';
import { resolveConsumerOptions, type ConsumerStartOptions } from './consumer-options.js';
import { MessageProcessor } from './message-processor.js';

/**
 * A JetStream pull consumer with explicit acks (see `ConsumerStartOptions`). Transient provider: inject one per
 * consumer, call `start` once (e.g. in `onApplicationBootstrap`); it stops itself in `onModuleDestroy`, before the
 * NATS connection drains.
 *
 * Messages are taken in rounds: whatever has arrived, up to `batch`. A round is settled completely (ack, nak with
 * delay, or term + dead letter) before the next starts, so `stop()` ends after the current round and nothing is lost:
 * messages received but not started are nak'ed for immediate redelivery, anything still in transit is redelivered
 * after `ackWaitMs`.
 */
@Injectable({ scope: Scope.TRANSIENT })
export class DurableConsumer implements OnModuleDestroy {
  private logger = new Logger(DurableConsumer.name);
  private messages?: ConsumerMessages;
  private loop?: Promise<void>;
  private stopping = false;

  constructor(private readonly nats: NatsClient) {}

  async start(options: ConsumerStartOptions): Promise<void> {
    if (this.loop) throw new Error(`consumer ${options.durable} is already started`);
    const resolved = resolveConsumerOptions(options);
    this.logger = new Logger(`DurableConsumer:${resolved.durable}`);
    await ensureConsumer(this.nats.jsm, resolved);
    const consumer = await this.nats.js.consumers.get(resolved.stream, resolved.durable);
    // Enough buffered for the next round while this one runs; bounded so nothing waits past its ack deadline.
    this.messages = await consumer.consume({ max_messages: Math.max(2 * resolved.batch, 64) });
    this.loop = this.run(this.messages, new MessageProcessor(this.nats.js, resolved), resolved.batch);
  }

  private async run(messages: ConsumerMessages, processor: MessageProcessor, batch: number): Promise<void> {
    const round: JsMsg[] = [];
    try {
      for await (const msg of messages) {
        if (this.stopping) {
          msg.nak();
          continue;
        }
        round.push(msg);
        if (round.length >= batch || messages.getPending() === 0) await processor.process(round.splice(0));
      }
      if (round.length > 0) await processor.process(round.splice(0));
    } catch (err) {
      if (!this.stopping) this.logger.error(`consumer stopped: ${err instanceof Error ? err.message : String(err)}`);
      for (const msg of round) msg.nak();
    }
  }

  /** Finishes the current round, stops fetching, and flushes the acks to the server. */
  async stop(): Promise<void> {
    if (!this.loop || this.stopping) return this.loop;
    this.stopping = true;
    await this.messages?.close();
    await this.loop;
    if (!this.nats.nc.isClosed()) await this.nats.nc.flush();
  }

  async onModuleDestroy(): Promise<void> {
    await this.stop();
  }
}
