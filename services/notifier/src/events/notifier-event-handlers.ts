import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { eventFlows, Subjects, type EventEnvelope } from '@fleetward/contracts';
import { EventConsumers, onEvents } from '@fleetward/platform';
import { IncidentService } from '../incidents/incident.service.js';
import { GroupIncidentService } from '../groups/group-incident.service.js';

/**
 * What the notifier applies (declared in eventFlows.notifier), from one consumer of every organisation's events: each
 * is applied once (inbox) and acked after its transaction commits. A new consumer starts at new events: alerting
 * acts on the present, not on the stream's history. Events it does not follow, and types this build does not know
 * (a newer version published alongside), are acked unseen.
 */
@Injectable()
export class NotifierEventHandlers implements OnApplicationBootstrap {
  constructor(
    private readonly consumers: EventConsumers,
    private readonly incidents: IncidentService,
    private readonly groups: GroupIncidentService,
  ) {}

  onApplicationBootstrap(): Promise<void> {
    return this.consumers.start('notifier', [
      {
        name: 'events',
        filterSubject: Subjects.allEvents,
        handler: onEvents(eventFlows.notifier.consumes, (batch) => this.apply(batch.map((b) => b.envelope))),
        options: { otherTypes: 'ignore', deliverFrom: 'new', maxDeliver: 10, batch: 200 },
      },
    ]);
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
