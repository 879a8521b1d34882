// The ceilings the platform path is compared with: plain JetStream publish and pull consume, measured in the same run.
import { performance } from 'node:perf_hooks';
import { AckPolicy, DeliverPolicy } from '@nats-io/jetstream';
import { Streams } from '@fleetward/contracts';

/** Publishes `payloads` with `window` publishes awaiting their ack (no msgID, no headers). Returns msgs/s. */
export async function rawPublish(js, subject, payloads, window = 1000) {
  const start = performance.now();
  let next = 0;
  const lane = async () => {
    while (next < payloads.length) await js.publish(subject, payloads[next++]);
  };
  await Promise.all(Array.from({ length: window }, lane));
  return payloads.length / ((performance.now() - start) / 1000);
}

/** The platform's own publish technique (`publishBatch`: msgID, one inbox for the acks) with no database around it. */
export async function rawBatchPublish(nc, publishBatch, messages, window = 1000) {
  const start = performance.now();
  await publishBatch(nc, messages, window);
  return messages.length / ((performance.now() - start) / 1000);
}

/** Reads `count` messages on `subject` with a durable pull consumer, acking each. Returns msgs/s. */
export async function rawConsume(nats, durable, subject, count) {
  await nats.jsm.consumers.add(Streams.events.name, {
    durable_name: durable,
    filter_subject: subject,
    ack_policy: AckPolicy.Explicit,
    deliver_policy: DeliverPolicy.All,
    max_ack_pending: 20_000,
  });
  try {
    const consumer = await nats.js.consumers.get(Streams.events.name, durable);
    const start = performance.now();
    const messages = await consumer.consume({ max_messages: 1000 });
    let seen = 0;
    for await (const m of messages) {
      m.json();
      m.ack();
      if (++seen === count) break;
    }
    return count / ((performance.now() - start) / 1000);
  } finally {
    await nats.jsm.consumers.delete(Streams.events.name, durable).catch(() => undefined);
  }
}
