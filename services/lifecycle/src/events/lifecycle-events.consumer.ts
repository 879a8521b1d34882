import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { allEvents, firmwareReleasedV1, Streams, Subjects } from '@fleetward/contracts';
import { APP_CONFIG, DurableConsumer } from '@fleetward/platform';
import type { Config } from '../config.js';
import { EvaluationService } from '../evaluation/evaluation.service.js';

/** The durable names' prefix: explicit, or derived from the schema the projection lives in. */
export function consumerPrefix(config: Config): string {
  if (config.CONSUMER_PREFIX) return config.CONSUMER_PREFIX;
  return config.DB_SCHEMA === 'lifecycle' ? 'lifecycle' : `lifecycle-${config.DB_SCHEMA}`;
}

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
    const durable = `${consumerPrefix(this.config)}-org-events`;
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
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const durable = `${consumerPrefix(this.config)}-catalog`;
    await this.consumer.start({
      durable,
      stream: Streams.events.name,
      filterSubject: Subjects.catalogEvent(firmwareReleasedV1.type, firmwareReleasedV1.version),
      events: [firmwareReleasedV1],
      handleBatch: (events) => this.evaluation.reevaluateAll(new Date(), events[0]!.envelope.correlationId),
      maxDeliver: 10,
      batch: 100,
      deliverFrom: this.config.CONSUMER_DELIVER_FROM,
    });
  }
}
