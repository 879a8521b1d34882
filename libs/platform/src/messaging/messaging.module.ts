import { Module, type DynamicModule, type Provider } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Inbox } from '../inbox/inbox.js';
import { InboxPruner, type InboxPrunerOptions } from '../inbox/inbox-pruner.js';
import { OutboxRelay, type OutboxRelayOptions } from '../outbox/outbox-relay.js';
import { OutboxWriter } from '../outbox/outbox-writer.js';
import { DurableConsumer } from './durable-consumer.js';
import { EventPublisher } from './event-publisher.js';
import { EventConsumers } from './event-handlers.js';

export interface MessagingModuleOptions {
  /** Run an outbox relay for the service's schema (needs the TypeORM DataSource); `false` for none. */
  relay?: OutboxRelayOptions | false;
  /** Forget inbox records older than the stream can redeliver (default: on wherever there is a relay). */
  inboxPruner?: InboxPrunerOptions | false;
}

/**
 * Global module with the event publisher, durable consumers (one instance per injection), the outbox writer, the
 * inbox and its pruner, and the outbox relay. Expects `NatsModule` (and TypeORM for the relay) to be imported by the app.
 */
@Module({})
export class MessagingModule {
  static forRoot(options: MessagingModuleOptions = {}): DynamicModule {
    const providers: Provider[] = [EventPublisher, DurableConsumer, EventConsumers, OutboxWriter, Inbox];
    if (options.relay !== false) {
      const relayOptions = options.relay ?? {};
      providers.push({
        provide: OutboxRelay,
        useFactory: (dataSource: DataSource, publisher: EventPublisher) =>
          new OutboxRelay(dataSource, publisher, relayOptions),
        inject: [getDataSourceToken(), EventPublisher],
      });
    }
    const pruner = options.inboxPruner ?? (options.relay === false ? false : {});
    if (pruner !== false) {
      providers.push({
        provide: InboxPruner,
        useFactory: (dataSource: DataSource) => new InboxPruner(dataSource, pruner),
        inject: [getDataSourceToken()],
      });
    }
    return { module: MessagingModule, global: true, providers, exports: providers };
  }
}
