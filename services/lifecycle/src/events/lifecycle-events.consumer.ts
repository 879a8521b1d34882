import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { allEvents, firmwareReleasedV1, Streams, Subjects } from '@fleetward/contracts';
import { APP_CONFIG, Clock, DurableConsumer, durableName } from '@fleetward/platform';
import type { Config } from '../config.js';
import { EvaluationService } from '../evaluation/evaluation.service.js';

/**
 * Every organisation's domain events (one consumer: NATS 2.9 has no multi-filter consumers), in batches: the
 * projection follows device, site and health events; warranty.expired only triggers a re-evaluation.
 */
@Injectable()
export class OrgEventsConsumer implements OnApplicationBootstrap {
  constructor(
    @Inject(APP_CONFIG) private readonly config: Config,
    private readonly consumer: DurableConsumer,
    private readonly evaluation: EvaluationService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const durable = durableName(this.config, 'lifecycle', 'org-events');
    await this.consumer.start({
      durable,
      stream: Streams.events.name,
      filterSubject: Subjects.allEvents,
      events: allEvents,
      // Test events or a newer version published alongside: nothing for the projection, not a mistake either.
      otherTypes: 'ignore',
      handleBatch: (events) =>
        this.evaluation.applyBatch(
          durable,
          events.map((e) => e.envelope),
        ),
      maxDeliver: 10,
      batch: 500,
      deliverFrom: this.config.CONSUMER_DELIVER_FROM,
    });
  }
}

/**
 * firmware.released (catalog scope): every organisation's compliance and plan are re-evaluated once per batch.
 * No inbox: a re-evaluation is idempotent, so a redelivery only repeats work that changes nothing.
 */
@Injectable()
export class CatalogEventsConsumer implements OnApplicationBootstrap {
  constructor(
    @Inject(APP_CONFIG) private readonly config: Config,
    private readonly consumer: DurableConsumer,
    private readonly evaluation: EvaluationService,
    private readonly clock: Clock,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const durable = durableName(this.config, 'lifecycle', 'catalog');
    await this.consumer.start({
      durable,
      stream: Streams.events.name,
      filterSubject: Subjects.catalogEvent(firmwareReleasedV1.type, firmwareReleasedV1.version),
      events: [firmwareReleasedV1],
      handleBatch: (events) => this.evaluation.reevaluateAll(this.clock.now(), events[0]!.envelope.correlationId),
      maxDeliver: 10,
      batch: 100,
      deliverFrom: this.config.CONSUMER_DELIVER_FROM,
    });
  }
}
