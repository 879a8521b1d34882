import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import {
  siteCreatedV1,
  siteUpdatedV1,
  Streams,
  Subjects,
  type SiteState,
  type EventEnvelope,
} from '@fleetward/contracts';
import { APP_CONFIG, DurableConsumer, durableName } from '@fleetward/platform';
import type { Config } from '../config.js';
import { SiteDirectoryRepository } from './site-directory.repository.js';

/**
 * site.created and site.updated: what site events and alerts call a site. One filter, `fleet.evt.*.site.*.v1`, which
 * also matches health's own site.unreachable / site.recovered (rare): those are skipped, not dead-lettered.
 */
@Injectable()
export class SiteEventsConsumer implements OnApplicationBootstrap {
  constructor(
    @Inject(APP_CONFIG) private readonly config: Config,
    private readonly consumer: DurableConsumer,
    private readonly sites: SiteDirectoryRepository,
  ) {}

  onApplicationBootstrap() {
    return this.consumer.start({
      durable: durableName(this.config, 'health', 'site-events'),
      deliverFrom: this.config.CONSUMER_DELIVER_FROM,
      stream: Streams.events.name,
      filterSubject: Subjects.eventAllOrgs('site.*', 1),
      events: [siteCreatedV1, siteUpdatedV1],
      otherTypes: 'ignore',
      handle: (e) => this.sites.apply((e as EventEnvelope<SiteState>).data),
      maxDeliver: 10,
      batch: 200,
    });
  }
}
