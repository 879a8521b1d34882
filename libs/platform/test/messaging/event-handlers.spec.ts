import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { eventFlows, siteCreatedV1, type EventDefinition } from '@fleetward/contracts';
import {
  EventConsumers,
  EventHandlerRegistrationError,
  checkEventHandlers,
  on,
  onEvents,
  type EventHandler,
} from '../../src/messaging/event-handlers.js';
import { NatsClient } from '../../src/nats/nats-client.js';
import { NATS_URL } from './support/fixtures.js';

const noop = async () => undefined;
const handlersFor = (events: readonly EventDefinition[]): EventHandler[] => events.map((e) => on(e, noop));

describe('event handler registration: the boot check', () => {
  it('accepts exactly the events the service declares it consumes', () => {
    expect(() => checkEventHandlers('health', handlersFor(eventFlows.health.consumes))).not.toThrow();
    expect(() => checkEventHandlers('notifier', [onEvents(eventFlows.notifier.consumes, noop)])).not.toThrow();
  });

  it('refuses a missing handler, a duplicate and an undeclared one, naming each', () => {
    const [first, ...rest] = eventFlows.health.consumes;
    expect(() => checkEventHandlers('health', handlersFor(rest))).toThrow(
      `health event handlers: no handler for ${first!.type} v1`,
    );
    expect(() =>
      checkEventHandlers('health', [...handlersFor(eventFlows.health.consumes), on(siteCreatedV1, noop)]),
    ).toThrow('site.created v1 has more than one handler');
    expect(() => checkEventHandlers('inventory', [on(siteCreatedV1, noop)])).toThrow(
      'site.created v1 is handled but not declared in eventFlows.inventory.consumes',
    );
  });

  describe('EventConsumers', () => {
    let nats: NatsClient;
    beforeAll(async () => {
      nats = await NatsClient.connect({ servers: NATS_URL, name: 'event-handlers-test' });
    });
    afterAll(() => nats.drain());

    it('starts nothing when the check fails, so the service refuses to boot', async () => {
      const consumers = new EventConsumers(nats, { DB_SCHEMA: 'health', CONSUMER_DELIVER_FROM: 'new' } as never);
      const start = consumers.start('health', [{ name: 'sites', handler: on(siteCreatedV1, noop) }]);
      await expect(start).rejects.toThrow(EventHandlerRegistrationError);
      await expect(start).rejects.toThrow(/no handler for device\.registered v1/);
      expect(consumers.running).toBe(false);
    });
  });
});
