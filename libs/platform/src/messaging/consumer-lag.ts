import type { ConsumerInfo, JetStreamManager } from '@nats-io/jetstream';
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

/**
 * Exposes `fleetward_consumer_pending_messages` (lag), `..._ack_pending_messages` and
 * `fleetward_consumer_oldest_unapplied_age_seconds` for a started consumer.
 */
export function trackConsumerLag(durable: string, stream: string, jsm: JetStreamManager): void {
  tracked.set(durable, { jsm, stream });
  lagGauge('fleetward_consumer_pending_messages', 'Messages in the stream not yet delivered to the durable consumer', (i) => i.num_pending);
  lagGauge('fleetward_consumer_ack_pending_messages', 'Messages delivered to the durable consumer and not yet acknowledged', (i) => i.num_ack_pending);
  sharedMetric(
    'fleetward_consumer_oldest_unapplied_age_seconds',
    () =>
      new Gauge({
        name: 'fleetward_consumer_oldest_unapplied_age_seconds',
        help: 'Age of the oldest event the durable consumer has not applied yet (0 when it is caught up)',
        labelNames: ['consumer'],
        async collect() {
          this.reset();
          for (const [durable, t] of tracked) {
            const info = await infoOf(durable, t);
            if (info) this.set({ consumer: durable }, await oldestUnappliedAge(t.jsm, t.stream, info, Date.now()));
          }
        },
      }),
  );
}

/**
 * How long the oldest event the consumer has not acknowledged has waited: the first message on its filter after its
 * ack floor. 0 when nothing is pending; the message may have been removed by the stream's limits meanwhile (then 0:
 * the backlog counts still say how far behind it is).
 */
export async function oldestUnappliedAge(jsm: JetStreamManager, stream: string, info: ConsumerInfo, now: number): Promise<number> {
  if (info.num_pending + info.num_ack_pending === 0) return 0;
  const filter = info.config.filter_subject;
  const next = await jsm.streams
    .getMessage(stream, { seq: info.ack_floor.stream_seq + 1, ...(filter ? { next_by_subj: filter } : {}) })
    .catch(() => null);
  return next ? Math.max(0, (now - next.time.getTime()) / 1000) : 0;
}

export function untrackConsumerLag(durable: string): void {
  tracked.delete(durable);
}
