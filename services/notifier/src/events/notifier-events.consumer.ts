import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { parseEnvelope, Streams, Subjects, type EventEnvelope } from '@fleetward/contracts';
import { APP_CONFIG, DurableConsumer } from '@fleetward/platform';
import type { Config } from '../config.js';
import { eventsConsumer } from '../names.js';
import { IncidentService } from '../incidents/incident.service.js';
import { GroupIncidentService } from '../groups/group-incident.service.js';

/**
 * Every organisation's domain events, durably: each is applied once (inbox) and acked after its transaction
 * commits. A new consumer starts at new events: alerting acts on the present, not on the stream's history.
 */
@Injectable()
export class NotifierEventsConsumer implements OnApplicationBootstrap {
  constructor(
    @Inject(APP_CONFIG) private readonly config: Config,
    private readonly consumer: DurableConsumer,
    private readonly incidents: IncidentService,
    private readonly groups: GroupIncidentService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.consumer.start({
      durable: eventsConsumer(this.config),
      stream: Streams.events.name,
      filterSubject: Subjects.allEvents,
      parse: acceptUnknownTypes,
      handleBatch: (batch) => this.apply(batch.map((b) => b.envelope)),
      deliverFrom: 'new',
      maxDeliver: 10,
      batch: 200,
    });
  }

  /**
   * Device and site incidents follow their events one at a time, in stream order (offline, then the site roll-up,
   * then online); lifecycle groups take the whole batch set-based (a bulk import is a few statements, not one per
   * device). Each path has its own inbox key, so a retried batch applies each event once on each.
   */
  private async apply(events: EventEnvelope[]): Promise<void> {
    for (const e of events) await this.incidents.applyEvent(e);
    await this.groups.applyBatch(events);
  }
}

/**
 * Known events must match their schema (else dead letter); an event type this build does not know (a newer version
 * published alongside) cannot affect incidents, so it passes through to be acked and ignored instead of piling up
 * in the dead-letter stream.
 */
function acceptUnknownTypes(data: unknown): EventEnvelope {
  const parsed = parseEnvelope(data);
  if (parsed.ok) return parsed.envelope;
  if (parsed.reason === 'unknown-event') return data as EventEnvelope;
  throw new Error(parsed.message);
}
