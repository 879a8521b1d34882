import { Logger } from '@nestjs/common';
import type { JetStreamClient, JsMsg } from '@nats-io/jetstream';
import { withCorrelation } from '../logging/correlation.js';
import type { ConsumedEvent, ResolvedConsumerOptions } from './consumer-options.js';
import { nakDelay } from './consumer-options.js';
import { publishDeadLetter, type DeadLetterReason } from './dead-letter.js';
import { eventDecoder, type EventDecoder } from './event-decoder.js';
import { fromNatsHeaders } from './headers.js';
import { messagingMetrics } from './metrics.js';
import { isPermanentError } from './permanent-error.js';

interface Item {
  msg: JsMsg;
  event: ConsumedEvent;
}

const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err));

/**
 * Settles one round of messages: validate, run the handler, then ack / nak with delay / term + dead letter. Every
 * message of the round is settled before `process` resolves, so a caller that stops after it loses nothing.
 */
export class MessageProcessor {
  private readonly logger: Logger;
  private readonly decode: EventDecoder;
  private readonly labels: { consumer: string };
  private readonly metrics = {
    processed: messagingMetrics.processed(),
    failed: messagingMetrics.failed(),
    deadLettered: messagingMetrics.deadLettered(),
    duration: messagingMetrics.handlerDuration(),
  };

  constructor(
    private readonly js: JetStreamClient,
    private readonly options: ResolvedConsumerOptions,
  ) {
    this.logger = new Logger(`DurableConsumer:${options.durable}`);
    this.decode = eventDecoder(options.events, options.parse, options.otherTypes);
    this.labels = { consumer: options.durable };
  }

  async process(msgs: readonly JsMsg[]): Promise<void> {
    const unsettled = new Set(msgs);
    // A slow round tells the server it is still working, so nothing is redelivered while it runs.
    const keepAlive = setInterval(() => unsettled.forEach((m) => m.working()), this.options.ackWaitMs / 3);
    keepAlive.unref();
    try {
      const items: Item[] = [];
      for (const msg of msgs) {
        const item = await this.admit(msg);
        if (item) items.push(item);
        else unsettled.delete(msg);
      }
      const settle = (msg: JsMsg) => unsettled.delete(msg);
      if (this.options.handleBatch) await this.runBatch(items, settle);
      else await this.runEach(items, settle);
    } finally {
      clearInterval(keepAlive);
    }
  }

  /** Returns the decoded item, or undefined after dead-lettering a message that must not reach the handler. */
  private async admit(msg: JsMsg): Promise<Item | undefined> {
    const deliveries = msg.info.deliveryCount;
    if (deliveries > this.options.maxDeliver) {
      await this.deadLetter(msg, 'max_deliveries', `not acked after ${deliveries - 1} deliveries`);
      return undefined;
    }
    const decoded = this.decode(msg.string(), msg.subject);
    if (decoded.ok === 'skip') {
      msg.ack();
      return undefined;
    }
    if (!decoded.ok) {
      await this.deadLetter(msg, 'invalid_payload', decoded.detail);
      return undefined;
    }
    const meta = {
      subject: msg.subject,
      deliveries,
      streamSequence: msg.info.streamSequence,
      headers: fromNatsHeaders(msg.headers),
    };
    return { msg, event: { envelope: decoded.envelope, meta } };
  }

  private async runEach(items: Item[], settle: (m: JsMsg) => void): Promise<void> {
    let next = 0;
    const lane = async () => {
      while (next < items.length) {
        const item = items[next++]!;
        await this.runOne(item);
        settle(item.msg);
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.options.concurrency, items.length) }, lane));
  }

  private async runOne({ msg, event }: Item): Promise<void> {
    const end = this.metrics.duration.startTimer({ ...this.labels, mode: 'single' });
    try {
      await withCorrelation(event.envelope.correlationId, () => this.options.handle!(event.envelope, event.meta));
      end();
      msg.ack();
      this.metrics.processed.inc(this.labels);
    } catch (err) {
      end();
      await withCorrelation(event.envelope.correlationId, () => this.fail(msg, err));
    }
  }

  /** One call for the whole round; when it throws, each event is retried alone to find the one that fails. */
  private async runBatch(items: Item[], settle: (m: JsMsg) => void): Promise<void> {
    if (items.length === 0) return;
    const correlationId = items.length === 1 ? items[0]!.event.envelope.correlationId : undefined;
    const end = this.metrics.duration.startTimer({ ...this.labels, mode: 'batch' });
    try {
      await withCorrelation(correlationId, () => this.options.handleBatch!(items.map((i) => i.event)));
      end();
      for (const { msg } of items) {
        msg.ack();
        settle(msg);
      }
      this.metrics.processed.inc(this.labels, items.length);
    } catch (err) {
      end();
      if (items.length === 1) {
        await this.fail(items[0]!.msg, err);
        settle(items[0]!.msg);
        return;
      }
      this.logger.warn(`batch of ${items.length} failed (${errorText(err)}); retrying its events one by one`);
      for (const item of items) await this.runBatch([item], settle);
    }
  }

  private async fail(msg: JsMsg, err: unknown): Promise<void> {
    const deliveries = msg.info.deliveryCount;
    if (isPermanentError(err)) return this.deadLetter(msg, 'permanent_error', errorText(err));
    if (deliveries >= this.options.maxDeliver) {
      return this.deadLetter(msg, 'max_deliveries', `attempt ${deliveries} failed: ${errorText(err)}`);
    }
    const delay = nakDelay(this.options, deliveries);
    this.logger.warn(
      `${msg.subject} #${msg.info.streamSequence} attempt ${deliveries} failed, retry in ${delay} ms: ${errorText(err)}`,
    );
    msg.nak(delay);
    this.metrics.failed.inc(this.labels);
  }

  private async deadLetter(msg: JsMsg, reason: DeadLetterReason, detail: string): Promise<void> {
    try {
      await publishDeadLetter(this.js, this.options, msg, reason, detail);
    } catch (err) {
      // Without its dead letter the message must stay: try again later rather than drop it.
      this.logger.error(`dead letter for ${msg.subject} #${msg.info.streamSequence} not published: ${errorText(err)}`);
      msg.nak(nakDelay(this.options, msg.info.deliveryCount));
      return;
    }
    msg.term(`${reason}: ${detail}`.slice(0, 200));
    this.metrics.deadLettered.inc({ ...this.labels, reason });
    this.logger.warn(`${msg.subject} #${msg.info.streamSequence} dead-lettered (${reason}): ${detail}`);
  }
}
