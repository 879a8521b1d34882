import type { JetStreamClient, PubAck } from '@nats-io/jetstream';
import { toNatsHeaders } from './headers.js';
import type { OutgoingMessage } from './outgoing-message.js';

const encoder = new TextEncoder();

/**
 * Publishes `messages` in order with at most `window` publishes awaiting their ack. Awaiting each publish in turn
 * costs a round trip per message (~9k/s); a window keeps the connection busy. Rejects with the first error after
 * every started publish has settled, so the caller knows nothing is still in flight.
 */
export async function publishWindowed(
  js: JetStreamClient,
  messages: readonly OutgoingMessage[],
  window: number,
): Promise<PubAck[]> {
  const acks = new Array<PubAck>(messages.length);
  let next = 0;
  let failure: { error: unknown } | undefined;
  const lane = async () => {
    while (next < messages.length && !failure) {
      const i = next++;
      const m = messages[i]!;
      try {
        acks[i] = await js.publish(m.subject, encoder.encode(m.payload), {
          msgID: m.id,
          headers: toNatsHeaders(m.headers),
        });
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(Math.max(1, window), messages.length) }, lane));
  if (failure) throw failure.error;
  return acks;
}
