// What the installation's JetStream says: each durable consumer's backlog, and a raw pull consumer's rate.
import { AckPolicy, DeliverPolicy, jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { natsServerOptions } from '@fleetward/platform';

async function withNats(url, fn) {
  const nc = await connect({ ...natsServerOptions(url), name: 'bench-convergence', noAsyncTraces: true });
  try {
    return await fn(nc);
  } finally {
    await nc.close();
  }
}

/** Every durable consumer of `stream`: messages not yet delivered and delivered but not acked. */
export function consumerStates(url, stream) {
  return withNats(url, async (nc) => {
    const jsm = await jetstreamManager(nc);
    const out = [];
    for await (const c of jsm.consumers.list(stream)) {
      if (c.config.durable_name) out.push({ name: c.name, pending: c.num_pending, ackPending: c.num_ack_pending });
    }
    return out;
  });
}

/** Reads every message on `filter` with an ephemeral pull consumer, acking all at once per batch: the ceiling. */
export function rawConsumeRate(url, stream, filter) {
  return withNats(url, async (nc) => {
    const jsm = await jetstreamManager(nc);
    const info = await jsm.consumers.add(stream, {
      filter_subject: filter,
      ack_policy: AckPolicy.All,
      deliver_policy: DeliverPolicy.All,
      inactive_threshold: 60_000_000_000,
    });
    const total = info.num_pending;
    const consumer = await jetstream(nc).consumers.get(stream, info.name);
    const start = performance.now();
    let count = 0;
    if (total > 0) {
      const messages = await consumer.consume({ max_messages: 5000 });
      for await (const m of messages) {
        JSON.parse(new TextDecoder().decode(m.data));
        if (++count % 1000 === 0 || count === total) m.ack();
        if (count === total) break;
      }
    }
    const seconds = (performance.now() - start) / 1000;
    await jsm.consumers.delete(stream, info.name).catch(() => undefined);
    return { count, rate: count / seconds };
  });
}
