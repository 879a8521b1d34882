import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { firmwareReleasedV1, Subjects } from '@fleetward/contracts';
import { Clock, EventConsumers, on, onEvents } from '@fleetward/platform';
import { EvaluationService } from '../evaluation/evaluation.service.js';
import { orgEvents } from './apply-event.js';

/**
 * What lifecycle applies (declared in eventFlows.lifecycle): every organisation's device, site and health events in
 * one consumer, in stream order and in batches (the projection, then one re-evaluation of the affected devices per
 * batch; warranty.expired only triggers it); firmware.released re-evaluates every organisation once per batch
 * (no inbox: a re-evaluation is idempotent, a redelivery repeats work that changes nothing).
 */
@Injectable()
export class LifecycleEventHandlers implements OnApplicationBootstrap {
  constructor(
    private readonly consumers: EventConsumers,
    private readonly evaluation: EvaluationService,
    private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): Promise<void> {
    return this.consumers.start('lifecycle', [
      {
        name: 'org-events',
        // NATS 2.9 has no multi-filter consumers: every organisation event, the ones not followed acked unseen.
        filterSubject: Subjects.allEvents,
        handler: onEvents(orgEvents, (batch) =>
          this.evaluation.applyBatch(
            this.consumers.durable('lifecycle', 'org-events'),
            batch.map((e) => e.envelope),
          ),
        ),
        options: { otherTypes: 'ignore', maxDeliver: 10, batch: 500 },
      },
      {
        name: 'catalog',
        handler: on(firmwareReleasedV1, (batch) =>
          this.evaluation.reevaluateAll(this.clock.now(), batch[0]!.envelope.correlationId),
        ),
        options: { maxDeliver: 10, batch: 100 },
      },
    ]);
  }
}
