import { Inject, Injectable, Logger, Optional, type OnModuleDestroy } from '@nestjs/common';
import {
  eventFlows,
  eventKey,
  Streams,
  Subjects,
  type EventDefinition,
  type EventEnvelope,
  type EventService,
} from '@fleetward/contracts';
import type { z } from 'zod';
import type { BaseConfig } from '../config/base-config.js';
import { APP_CONFIG } from '../config/tokens.js';
import { NatsClient } from '../nats/nats-client.js';
import type { ConsumedEvent, ConsumerStartOptions, MessageMeta } from './consumer-options.js';
import { DurableConsumer } from './durable-consumer.js';
import { durableName } from './durable-name.js';

/** An event as a handler receives it: its data typed by its definition, no cast needed. */
export interface TypedEvent<D extends EventDefinition> {
  envelope: EventEnvelope<z.infer<D['data']>>;
  meta: MessageMeta;
}

/** What a durable consumer applies: the events it accepts and one call per batch of them (set-based). */
export interface EventHandler {
  readonly events: readonly EventDefinition[];
  handle(batch: ConsumedEvent[]): Promise<void>;
}

/** A handler of one event type, called with a batch of them (hundreds at a time under load). */
export function on<D extends EventDefinition>(
  event: D,
  handle: (batch: TypedEvent<D>[]) => Promise<void>,
): EventHandler {
  return { events: [event], handle: (batch) => handle(batch as TypedEvent<D>[]) };
}

/** One handler for several event types that must be applied together in stream order (a projection). */
export function onEvents(
  events: readonly EventDefinition[],
  handle: (batch: ConsumedEvent[]) => Promise<void>,
): EventHandler {
  return { events, handle };
}

/** A consumer of the service: its name (made a durable name by `durableName`), its handler and its settings. */
export interface ConsumerRegistration {
  name: string;
  handler: EventHandler;
  /** Default: the handler's one event type across every organisation (or its catalog subject). */
  filterSubject?: string;
  options?: Partial<
    Omit<ConsumerStartOptions, 'durable' | 'stream' | 'filterSubject' | 'events' | 'handle' | 'handleBatch'>
  >;
}

export class EventHandlerRegistrationError extends Error {}

/**
 * The boot check: the handlers a service registers cover exactly the events `eventFlows` says it consumes, each once.
 * A missing handler would leave an event unapplied forever; a second one would apply it twice.
 */
export function checkEventHandlers(service: EventService, handlers: readonly EventHandler[]): void {
  const registered = handlers.flatMap((h) => h.events.map(eventKey));
  const declared = eventFlows[service].consumes.map(eventKey);
  const problems = [
    ...declared.filter((k) => !registered.includes(k)).map((k) => `no handler for ${k}`),
    ...[...new Set(registered.filter((k, i) => registered.indexOf(k) !== i))].map(
      (k) => `${k} has more than one handler`,
    ),
    ...registered
      .filter((k) => !declared.includes(k))
      .map((k) => `${k} is handled but not declared in eventFlows.${service}.consumes`),
  ];
  if (problems.length > 0)
    throw new EventHandlerRegistrationError(`${service} event handlers: ${[...new Set(problems)].join('; ')}`);
}

function defaultFilter(handler: EventHandler): string {
  const [only, ...more] = handler.events;
  if (!only || more.length > 0)
    throw new EventHandlerRegistrationError('a handler of several event types needs a filterSubject');
  return only.scope === 'catalog'
    ? Subjects.catalogEvent(only.type, only.version)
    : Subjects.eventAllOrgs(only.type, only.version);
}

/**
 * Builds and runs a service's durable consumers from its registered handlers, after the boot check. Each handler
 * gets batches of events decoded and typed by their definitions; a batch that throws is retried event by event, so
 * one poisoned message goes to the dead-letter subject with its reason and the rest is applied.
 */
@Injectable()
export class EventConsumers implements OnModuleDestroy {
  private readonly logger = new Logger(EventConsumers.name);
  private readonly consumers: DurableConsumer[] = [];

  constructor(
    private readonly nats: NatsClient,
    // Optional so MessagingModule also works without PlatformModule (a test's own wiring); start() then refuses.
    @Optional() @Inject(APP_CONFIG) private readonly config?: BaseConfig,
  ) {}

  async start(service: EventService, registrations: readonly ConsumerRegistration[]): Promise<void> {
    checkEventHandlers(
      service,
      registrations.map((r) => r.handler),
    );
    const config = this.configured();
    for (const r of registrations) {
      const consumer = new DurableConsumer(this.nats);
      this.consumers.push(consumer);
      await consumer.start({
        deliverFrom: config.CONSUMER_DELIVER_FROM,
        ...r.options,
        durable: this.durable(service, r.name),
        stream: Streams.events.name,
        filterSubject: r.filterSubject ?? defaultFilter(r.handler),
        events: r.handler.events,
        handleBatch: (batch) => r.handler.handle(batch),
      });
    }
    this.logger.log(`${service}: ${registrations.length} durable consumers started`);
  }

  /** The durable name of the service's consumer `name` (also its inbox key). */
  durable(service: EventService, name: string): string {
    return durableName(this.configured(), service, name);
  }

  private configured(): BaseConfig {
    if (!this.config) throw new EventHandlerRegistrationError('EventConsumers needs APP_CONFIG (PlatformModule)');
    return this.config;
  }

  /** Every consumer of the service still fetching (for readiness). */
  get running(): boolean {
    return this.consumers.length > 0 && this.consumers.every((c) => c.running);
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.all(this.consumers.map((c) => c.stop()));
  }
}
