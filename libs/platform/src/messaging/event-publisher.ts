import { Injectable } from '@nestjs/common';
import type { EventEnvelope } from '@fleetward/contracts';
import { NatsClient } from '../nats/nats-client.js';
import { messagingMetrics } from './metrics.js';
import { publishBatch } from './publish-batch.js';
import { toOutgoingMessage, type MessagePublisher, type OutgoingMessage } from './outgoing-message.js';

export const DEFAULT_PUBLISH_WINDOW = 256;

/**
 * Publishes event envelopes to JetStream with `Nats-Msg-Id` = envelope id (so a retry within the stream's duplicate
 * window is dropped by the server) and the correlation id as a header. Services that change state publish through
 * the outbox instead; this is for the relay and for events with no state change behind them.
 */
@Injectable()
export class EventPublisher implements MessagePublisher {
  private readonly published = messagingMetrics.published();

  constructor(private readonly nats: NatsClient) {}

  publish(envelope: EventEnvelope): Promise<void> {
    return this.publishMessages([toOutgoingMessage(envelope)]);
  }

  publishMany(envelopes: readonly EventEnvelope[], window = DEFAULT_PUBLISH_WINDOW): Promise<void> {
    return this.publishMessages(envelopes.map(toOutgoingMessage), window);
  }

  async publishMessages(messages: readonly OutgoingMessage[], window = DEFAULT_PUBLISH_WINDOW): Promise<void> {
    if (messages.length === 0) return;
    const acks = await publishBatch(this.nats.nc, messages, window);
    let duplicates = 0;
    for (const ack of acks) if (ack.duplicate) duplicates++;
    if (duplicates > 0) this.published.inc({ duplicate: 'true' }, duplicates);
    if (acks.length > duplicates) this.published.inc({ duplicate: 'false' }, acks.length - duplicates);
  }
}
