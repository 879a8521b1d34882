import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { AckPolicy, DeliverPolicy } from '@nats-io/jetstream';
import { processingStatusSchema, Streams, Subjects } from '@fleetward/contracts';
import { NatsClient } from '@fleetward/platform';
import { expectEventually, testNatsUrl, uniqueId } from '@fleetward/platform/testing';
import { serviceOfDurable } from '../src/status/processing-status.service.js';
import { bearer, startGateway, type TestGateway, type TestOrg } from './support/gateway-app.js';

describe('processing status: how far each service is behind the event stream', () => {
  let gw: TestGateway;
  let org: TestOrg;
  let nats: NatsClient;
  // The test file's NATS account is its own: these are the only consumers on its stream.
  const healthDurable = 'health-device-registered';

  beforeAll(async () => {
    gw = await startGateway();
    org = await gw.newOrg();
    nats = await NatsClient.connect({ servers: testNatsUrl(), name: 'processing-status-test' });
    for (const [durable, filter] of [
      [healthDurable, Subjects.eventAllOrgs('device.registered', 1)],
      ['lifecycle-org-events', Subjects.allEvents],
      ['someone-elses-consumer', Subjects.allEvents],
    ] as const)
      await nats.jsm.consumers.add(Streams.events.name, {
        durable_name: durable,
        filter_subject: filter,
        ack_policy: AckPolicy.Explicit,
        deliver_policy: DeliverPolicy.New,
      });
  }, 60_000);
  afterAll(async () => {
    await nats?.drain();
    await gw?.close();
  });

  const status = async () => {
    const res = await fetch(gw.url('/api/v1/status/processing'), { headers: bearer(org.keys.viewer) });
    expect(res.status).toBe(200);
    return processingStatusSchema.parse(await res.json());
  };

  it('names the service of a durable consumer', () => {
    expect(serviceOfDurable('health-device-registered')).toBe('health');
    expect(serviceOfDurable('e2e-1a2b-lifecycle-t_9-org-events')).toBe('lifecycle');
    expect(serviceOfDurable('someone-elses-consumer')).toBeNull();
  });

  it('counts the events a service has not applied, the oldest one’s age, then its rate once it catches up', async () => {
    const orgId = uniqueId('org');
    for (let i = 0; i < 5; i++) await nats.js.publish(Subjects.event(orgId, 'device.registered', 1), '{}');
    await nats.js.publish(Subjects.event(orgId, 'site.created', 1), '{}');

    const behind = await status();
    expect(behind.caughtUp).toBe(false);
    const byService = Object.fromEntries(behind.services.map((s) => [s.service, s]));
    expect(Object.keys(byService).sort()).toEqual(['health', 'lifecycle']);
    expect(byService['health']).toMatchObject({ behind: 5, eventsPerSecond: null, etaSeconds: null });
    expect(byService['health']!.oldestAgeSeconds).toBeGreaterThanOrEqual(0);
    expect(byService['lifecycle']!.behind).toBe(6);
    // The oldest unapplied event ages while nothing applies it.
    await expectEventually(async () =>
      expect((await status()).services.find((x) => x.service === 'health')!.oldestAgeSeconds).toBeGreaterThan(0.05),
    );

    const consumer = await nats.js.consumers.get(Streams.events.name, healthDurable);
    const batch = await consumer.fetch({ max_messages: 5, expires: 2000 });
    for await (const m of batch) m.ack();
    await nats.nc.flush();

    const health = (await status()).services.find((s) => s.service === 'health')!;
    expect(health).toMatchObject({ behind: 0, oldestAgeSeconds: 0, etaSeconds: 0 });
    expect(health.eventsPerSecond).toBeGreaterThan(0);
  }, 30_000);

  it('is for signed-in callers only', async () => {
    expect((await fetch(gw.url('/api/v1/status/processing'))).status).toBe(401);
  });
});
