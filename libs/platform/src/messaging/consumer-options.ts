import { z } from 'zod';
import { subjectTokenSchema, type EventDefinition, type EventEnvelope } from '@fleetward/contracts';

/** What a handler learns about the message besides the envelope. */
export interface MessageMeta {
  subject: string;
  /** 1 on first delivery. */
  deliveries: number;
  streamSequence: number;
  headers: Record<string, string>;
}

export interface ConsumedEvent<T = unknown> {
  envelope: EventEnvelope<T>;
  meta: MessageMeta;
}

/** Custom validation: returns the envelope or throws (the message is then dead-lettered as invalid). */
export type EventParser = (data: unknown, subject: string) => EventEnvelope;

export interface ConsumerStartOptions {
  /** Durable consumer name; also the dead-letter subject token (`fleet.dlq.<durable>`). */
  durable: string;
  stream: string;
  filterSubject: string;
  /** The event definitions this consumer accepts (envelope schema by type + version). Exclusive with `parse`. */
  events?: readonly EventDefinition[];
  parse?: EventParser;
  /** Handles one event. Exclusive with `handleBatch`. */
  handle?: (envelope: EventEnvelope, meta: MessageMeta) => Promise<void> | void;
  /**
   * Hot-path mode: handles every valid event of a fetched batch in one call (typically one transaction). When it
   * throws, each event is retried alone so that one bad event cannot fail its neighbours.
   */
  handleBatch?: (events: ConsumedEvent[]) => Promise<void>;
  /** Deliveries before a message that keeps failing goes to the dead-letter subject. */
  maxDeliver?: number;
  ackWaitMs?: number;
  /** Delay before redelivery after a failed attempt n (the last entry repeats). */
  backoffMs?: readonly number[];
  /**
   * Server-side redelivery delays when an attempt is never acked (the process died): JetStream's consumer `backoff`.
   * Replaces `ackWaitMs` for those deliveries; fewer entries than `maxDeliver`. Default: `ackWaitMs` every time.
   */
  redeliveryBackoffMs?: readonly number[];
  /** Messages taken per processing round (and handed to `handleBatch`). */
  batch?: number;
  /** Handlers running at once in per-event mode. 1 keeps the stream order within a batch. */
  concurrency?: number;
  maxAckPending?: number;
  /**
   * Where a consumer created for the first time starts: `all` (default) replays the stream; `new` starts at the
   * next message (for consumers about the present, e.g. alerting, which must not act on last month's events).
   */
  deliverFrom?: 'all' | 'new';
  /**
   * With `events`: what to do with a well-formed event of another type (e.g. a consumer on `fleet.evt.>` that
   * handles a few types). `dead-letter` (default) treats it as a mistake; `ignore` acks it unseen.
   */
  otherTypes?: 'dead-letter' | 'ignore';
}

const optionsSchema = z.object({
  durable: subjectTokenSchema,
  stream: z.string().min(1),
  filterSubject: z.string().min(1),
  maxDeliver: z.number().int().min(1).default(5),
  ackWaitMs: z.number().int().min(1000).default(30_000),
  backoffMs: z.array(z.number().int().min(0)).min(1).default([1_000, 5_000, 30_000]),
  redeliveryBackoffMs: z.array(z.number().int().min(1000)).optional(),
  batch: z.number().int().min(1).max(10_000).default(100),
  concurrency: z.number().int().min(1).max(1_000).default(1),
  maxAckPending: z.number().int().min(1).default(10_000),
  deliverFrom: z.enum(['all', 'new']).default('all'),
  otherTypes: z.enum(['dead-letter', 'ignore']).default('dead-letter'),
});

export type ResolvedConsumerOptions = z.infer<typeof optionsSchema> &
  Pick<ConsumerStartOptions, 'events' | 'parse' | 'handle' | 'handleBatch'>;

export function resolveConsumerOptions(options: ConsumerStartOptions): ResolvedConsumerOptions {
  const parsed = optionsSchema.safeParse(options);
  if (!parsed.success) throw new Error(`invalid consumer options: ${z.prettifyError(parsed.error)}`);
  if (!options.events === !options.parse)
    throw new Error(`consumer ${options.durable}: give exactly one of events / parse`);
  if (!options.handle === !options.handleBatch) {
    throw new Error(`consumer ${options.durable}: give exactly one of handle / handleBatch`);
  }
  if (parsed.data.redeliveryBackoffMs && parsed.data.redeliveryBackoffMs.length > parsed.data.maxDeliver) {
    throw new Error(`consumer ${options.durable}: redeliveryBackoffMs needs at most maxDeliver entries`);
  }
  return {
    ...parsed.data,
    events: options.events,
    parse: options.parse,
    handle: options.handle,
    handleBatch: options.handleBatch,
  };
}

export function nakDelay(options: ResolvedConsumerOptions, deliveries: number): number {
  const steps = options.backoffMs;
  return steps[Math.min(Math.max(deliveries, 1), steps.length) - 1]!;
}
