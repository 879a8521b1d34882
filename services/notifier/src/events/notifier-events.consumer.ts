import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { allEvents, Streams, Subjects } from '@fleetward/contracts';
import { APP_CONFIG, DurableConsumer } from '@fleetward/platform';
import type { Config } from '../config.js';
import { IncidentService } from '../incidents/incident.service.js';

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
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.consumer.start({
      durable: this.config.CONSUMER_NAME,
      stream: Streams.events.name,
      filterSubject: Subjects.allEvents,
      events: allEvents,
      handle: (e) => this.incidents.applyEvent(e),
      deliverFrom: 'new',
      maxDeliver: 10,
      batch: 200,
      // One at a time: an incident follows its events in stream order (offline, then the site roll-up, then online).
      concurrency: 1,
    });
  }
}
