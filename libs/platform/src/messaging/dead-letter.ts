import { z } from 'zod';
import { Subjects } from '@fleetward/contracts';
import type { JetStreamClient, JsMsg } from '@nats-io/jetstream';
import { fromNatsHeaders } from './headers.js';

export const deadLetterReasonSchema = z.enum(['invalid_payload', 'permanent_error', 'max_deliveries']);
export type DeadLetterReason = z.infer<typeof deadLetterReasonSchema>;

/** What `fleet.dlq.<consumer>` carries: the original message untouched, plus why it was rejected. */
export const deadLetterSchema = z.object({
  consumer: z.string(),
  stream: z.string(),
  reason: deadLetterReasonSchema,
  detail: z.string(),
  deliveries: z.number().int(),
  subject: z.string(),
  streamSequence: z.number().int(),
  headers: z.record(z.string(), z.string()),
  /** The payload as received (UTF-8 text; it may not be valid JSON). */
  original: z.string(),
  failedAt: z.iso.datetime(),
});
export type DeadLetter = z.infer<typeof deadLetterSchema>;

const encoder = new TextEncoder();

export async function publishDeadLetter(
  js: JetStreamClient,
  consumer: { durable: string; stream: string },
  msg: JsMsg,
  reason: DeadLetterReason,
  detail: string,
): Promise<void> {
  const letter: DeadLetter = {
    consumer: consumer.durable,
    stream: consumer.stream,
    reason,
    detail: detail.slice(0, 4_000),
    deliveries: msg.info.deliveryCount,
    subject: msg.subject,
    streamSequence: msg.info.streamSequence,
    headers: fromNatsHeaders(msg.headers),
    original: msg.string(),
    failedAt: new Date().toISOString(),
  };
  // One dead letter per stream message even when the term is lost and the message comes back.
  const msgID = `${consumer.stream}:${consumer.durable}:${msg.info.streamSequence}`;
  await js.publish(Subjects.dlq(consumer.durable), encoder.encode(JSON.stringify(letter)), { msgID });
}
