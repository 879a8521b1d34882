import { MessageHeaders } from './headers.js';
import { subjectOf } from './event-subject.js';
import type { EventEnvelope } from '@fleetward/contracts';

/** A message ready for JetStream: what the outbox stores and the relay publishes. */
export interface OutgoingMessage {
  /** The event id; sent as `Nats-Msg-Id` so JetStream drops a repeat within its duplicate window. */
  id: string;
  subject: string;
  /** Serialised JSON envelope. */
  payload: string;
  headers: Record<string, string>;
}

/** Anything that can put outgoing messages on JetStream (the `EventPublisher`, or a test double around it). */
export interface MessagePublisher {
  publishMessages(messages: readonly OutgoingMessage[], window?: number): Promise<void>;
}

export function toOutgoingMessage(envelope: EventEnvelope): OutgoingMessage {
  return {
    id: envelope.id,
    subject: subjectOf(envelope),
    payload: JSON.stringify(envelope),
    headers: { [MessageHeaders.correlationId]: envelope.correlationId },
  };
}
