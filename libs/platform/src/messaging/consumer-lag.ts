import type { JetStreamManager } from '@nats-io/jetstream';
import { Gauge } from 'prom-client';
import { sharedMetric } from './metrics.js';

interface Tracked {
  jsm: JetStreamManager;
  stream: string;
}

/** The durable consumers of this process; their lag is read from the server when Prometheus scrapes. */
const tracked = new Map<string, Tracked>();

async function infoOf(durable: string, t: Tracked) {
  return t.jsm.consumers.info(t.stream, durable).catch(() => null);
}

function lagGauge(name: string, help: string, read: (i: { num_pending: number; num_ack_pending: number }) => number) {
  return sharedMetric(
    name,
    () =>
      new Gauge({
        name,
        help,
        labelNames: ['consumer'],
        async collect() {
          this.reset();
          for (const [durable, t] of tracked) {
            const info = await infoOf(durable, t);
            if (info) this.set({ consumer: durable }, read(info));
          }
        },
      }),
  );
}

/** Exposes `fleetward_consumer_pending_messages` (lag) and `..._ack_pending_messages` for a started consumer. */
export function trackConsumerLag(durable: string, stream: string, jsm: JetStreamManager): void {
  tracked.set(durable, { jsm, stream });
  lagGauge('fleetward_consumer_pending_messages', 'Messages in the stream not yet delivered to the durable consumer', (i) => i.num_pending);
  lagGauge('fleetward_consumer_ack_pending_messages', 'Messages delivered to the durable consumer and not yet acknowledged', (i) => i.num_ack_pending);
}

export function untrackConsumerLag(durable: string): void {
  tracked.delete(durable);
}
