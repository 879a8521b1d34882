import {
  AckPolicy,
  DeliverPolicy,
  JetStreamApiCodes,
  JetStreamApiError,
  type ConsumerConfig,
  type JetStreamManager,
} from '@nats-io/jetstream';
import type { ResolvedConsumerOptions } from './consumer-options.js';

const ms = (n: number) => n * 1_000_000;

/**
 * The server-side consumer for `options`. `max_deliver` is one above the handler's limit: if the process dies during
 * the last allowed attempt, the server delivers once more and the consumer dead-letters the message instead of the
 * server dropping it silently.
 */
export function consumerConfigOf(options: ResolvedConsumerOptions): Partial<ConsumerConfig> {
  return {
    durable_name: options.durable,
    filter_subject: options.filterSubject,
    ack_policy: AckPolicy.Explicit,
    deliver_policy: options.deliverFrom === 'new' ? DeliverPolicy.New : DeliverPolicy.All,
    ack_wait: ms(options.ackWaitMs),
    max_deliver: options.maxDeliver + 1,
    max_ack_pending: options.maxAckPending,
    backoff: options.redeliveryBackoffMs?.map(ms),
  };
}

const sameBackoff = (a: readonly number[] | undefined, b: readonly number[] | undefined) =>
  (a ?? []).length === (b ?? []).length && (a ?? []).every((v, i) => v === b![i]);

function isConsumerNotFound(err: unknown): boolean {
  return err instanceof JetStreamApiError && err.code === JetStreamApiCodes.ConsumerNotFound;
}

/** Creates the durable consumer, or updates it when its settings differ. Safe to run from every replica at boot. */
export async function ensureConsumer(jsm: JetStreamManager, options: ResolvedConsumerOptions): Promise<void> {
  const desired = consumerConfigOf(options);
  const info = await jsm.consumers.info(options.stream, options.durable).catch((err: unknown) => {
    if (isConsumerNotFound(err)) return null;
    throw err;
  });
  if (!info) {
    await jsm.consumers.add(options.stream, desired);
    return;
  }
  const current = info.config;
  if (current.filter_subject !== desired.filter_subject) {
    throw new Error(
      `consumer ${options.stream}/${options.durable} filters "${current.filter_subject}", not ` +
        `"${desired.filter_subject}": choose a new durable name (or delete the old consumer)`,
    );
  }
  const changed =
    current.ack_wait !== desired.ack_wait ||
    current.max_deliver !== desired.max_deliver ||
    current.max_ack_pending !== desired.max_ack_pending ||
    !sameBackoff(current.backoff, desired.backoff);
  if (changed) {
    await jsm.consumers.update(options.stream, options.durable, {
      ack_wait: desired.ack_wait,
      max_deliver: desired.max_deliver,
      max_ack_pending: desired.max_ack_pending,
      backoff: desired.backoff ?? [],
    });
  }
}
