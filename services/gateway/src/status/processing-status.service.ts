import { Injectable } from '@nestjs/common';
import { processingServices, Streams, type ProcessingStatus, type ServiceBacklog } from '@fleetward/contracts';
import { NatsClient, oldestUnappliedAge } from '@fleetward/platform';

interface Sample {
  applied: number;
  at: number;
}

/** The service a durable consumer belongs to: the first token of its name that names a service (see durableName). */
export function serviceOfDurable(durable: string): string | null {
  return durable.split('-').find((t) => (processingServices as readonly string[]).includes(t)) ?? null;
}

/**
 * How far each service is behind the event stream, read from JetStream (the consumers' own counters): an operator
 * and the console see "health is 12,000 events behind, ~8 s" after a bulk change instead of a silently stale view.
 * The rate is measured between two looks of this replica.
 */
@Injectable()
export class ProcessingStatusService {
  private readonly previous = new Map<string, Sample>();

  constructor(private readonly nats: NatsClient) {}

  async status(now = Date.now()): Promise<ProcessingStatus> {
    const totals = new Map<string, ServiceBacklog & { applied: number }>();
    for await (const info of await this.nats.jsm.consumers.list(Streams.events.name)) {
      const service = info.config.durable_name ? serviceOfDurable(info.name) : null;
      if (!service) continue;
      const t = totals.get(service) ?? {
        service,
        behind: 0,
        oldestAgeSeconds: 0,
        eventsPerSecond: null,
        etaSeconds: null,
        applied: 0,
      };
      t.behind += info.num_pending + info.num_ack_pending;
      t.applied += info.ack_floor.consumer_seq;
      t.oldestAgeSeconds = Math.max(
        t.oldestAgeSeconds,
        await oldestUnappliedAge(this.nats.jsm, Streams.events.name, info, now),
      );
      totals.set(service, t);
    }
    const services = [...totals.values()].map(({ applied, ...t }) => this.withRate(t, applied, now));
    return { caughtUp: services.every((s) => s.behind === 0), services, checkedAt: new Date(now).toISOString() };
  }

  private withRate(t: ServiceBacklog, applied: number, now: number): ServiceBacklog {
    const before = this.previous.get(t.service);
    this.previous.set(t.service, { applied, at: now });
    if (!before || now <= before.at || applied < before.applied) return t;
    const eventsPerSecond = ((applied - before.applied) * 1000) / (now - before.at);
    const etaSeconds = t.behind === 0 ? 0 : eventsPerSecond > 0 ? t.behind / eventsPerSecond : null;
    return { ...t, eventsPerSecond, etaSeconds };
  }
}
