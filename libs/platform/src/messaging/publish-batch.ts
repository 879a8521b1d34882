import { PubHeaders } from '@nats-io/jetstream';
import { createInbox, type Msg, type NatsConnection } from '@nats-io/transport-node';
import { toNatsHeaders } from './headers.js';
import type { OutgoingMessage } from './outgoing-message.js';

export interface PublishAck {
  stream: string;
  seq: number;
  /** The stream already had this msgID within its duplicate window: nothing was stored. */
  duplicate: boolean;
}

export class PublishError extends Error {
  readonly code = 'PUBLISH_FAILED';

  constructor(message: string) {
    super(message);
    this.name = 'PublishError';
  }
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * Publishes `messages` to JetStream in order, `Nats-Msg-Id` = message id, with at most `window` not yet acknowledged.
 *
 * Every publish carries a reply subject under one inbox subscription, so a window of publishes goes out in a single
 * socket write and each ack costs one JSON parse. (`js.publish` creates a request, a timer and an Error per message:
 * most of its CPU.) Resolves with the acks in input order. Rejects on a refused publish, a subject no stream takes,
 * or when no ack arrives for `timeoutMs`; the outcome of unacknowledged publishes is then unknown, so the caller
 * retries them and the msgID lets JetStream drop what it already stored.
 */
export function publishBatch(
  nc: NatsConnection,
  messages: readonly OutgoingMessage[],
  window: number,
  timeoutMs = 5_000,
): Promise<PublishAck[]> {
  if (messages.length === 0) return Promise.resolve([]);
  return new Promise((resolve, reject) => {
    const inbox = createInbox();
    const acks = new Array<PublishAck>(messages.length);
    let sent = 0;
    let acked = 0;
    let done = false;
    let lastProgress = Date.now();

    const finish = (err?: Error) => {
      if (done) return;
      done = true;
      clearInterval(watchdog);
      sub.unsubscribe();
      if (err) reject(err);
      else resolve(acks);
    };
    const sendMore = () => {
      try {
        while (sent < messages.length && sent - acked < window) {
          const i = sent++;
          const m = messages[i]!;
          const headers = toNatsHeaders(m.headers);
          headers.set(PubHeaders.MsgIdHdr, m.id);
          nc.publish(m.subject, encoder.encode(m.payload), { reply: `${inbox}.${i}`, headers });
        }
      } catch (err) {
        finish(err instanceof Error ? err : new PublishError(String(err)));
      }
    };
    const onAck = (msg: Msg) => {
      const i = Number(msg.subject.slice(inbox.length + 1));
      const subject = messages[i]?.subject ?? '?';
      if (msg.data.length === 0)
        return finish(new PublishError(`no JetStream stream takes ${subject} (status ${msg.headers?.code ?? '?'})`));
      let ack: { stream?: string; seq?: number; duplicate?: boolean; error?: { description?: string } };
      try {
        ack = JSON.parse(decoder.decode(msg.data));
      } catch {
        return finish(new PublishError(`unreadable publish ack for ${subject}`));
      }
      if (ack.error)
        return finish(new PublishError(`JetStream refused ${subject}: ${ack.error.description ?? 'unknown error'}`));
      if (acks[i] === undefined) {
        acks[i] = { stream: ack.stream ?? '', seq: ack.seq ?? 0, duplicate: ack.duplicate === true };
        acked++;
      }
      lastProgress = Date.now();
      if (acked === messages.length) finish();
      else sendMore();
    };

    const sub = nc.subscribe(`${inbox}.*`, {
      callback: (err, msg) => {
        if (done) return;
        if (err) finish(err);
        else onAck(msg);
      },
    });
    const watchdog = setInterval(
      () => {
        if (Date.now() - lastProgress >= timeoutMs) {
          finish(new PublishError(`no publish ack for ${timeoutMs} ms (${acked}/${messages.length} acknowledged)`));
        }
      },
      Math.min(1_000, timeoutMs),
    );
    sendMore();
  });
}
