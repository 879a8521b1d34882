import { Injectable } from '@nestjs/common';
import { DeliverPolicy, type ConsumerMessages } from '@nats-io/jetstream';
import { envelopeBaseSchema, Streams, Subjects, type EventEnvelope } from '@fleetward/contracts';
import { NatsClient } from '@fleetward/platform';
import { matches, type EventFilter } from './event-filter.js';

export interface StreamedEvent {
  /** The event's JetStream sequence: the SSE id, so a reconnect resumes right after it. */
  seq: number;
  envelope: EventEnvelope;
}

export interface EventSubscription {
  events: AsyncIterable<StreamedEvent>;
  close(): Promise<void>;
}

/**
 * One organisation's domain events from the FLEET_EVENTS stream, through an ordered (ephemeral, server-cleaned)
 * consumer on `fleet.evt.<org>.>`: new events only, or everything after `afterSeq` when a client reconnects.
 */
@Injectable()
export class EventStreamService {
  constructor(private readonly nats: NatsClient) {}

  async subscribe(orgId: string, filter: EventFilter, afterSeq?: number): Promise<EventSubscription> {
    const consumer = await this.nats.js.consumers.get(Streams.events.name, {
      filter_subjects: Subjects.orgEvents(orgId),
      ...(afterSeq === undefined
        ? { deliver_policy: DeliverPolicy.New }
        : { deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: afterSeq + 1 }),
      inactive_threshold: 30_000_000_000,
    });
    const messages: ConsumerMessages = await consumer.consume({ max_messages: 256 });
    async function* events(): AsyncGenerator<StreamedEvent> {
      for await (const m of messages) {
        const parsed = envelopeBaseSchema.safeParse(m.json());
        if (!parsed.success || parsed.data.orgId !== orgId) continue;
        if (matches(filter, parsed.data)) yield { seq: m.seq, envelope: parsed.data };
      }
    }
    return {
      events: events(),
      close: async () => {
        await messages.close().catch(() => undefined);
      },
    };
  }
}
