import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { fixtures } from '@fleetward/contracts/testing';
import type { Caller, EventEnvelope } from '@fleetward/contracts';
import { NatsClient } from '@fleetward/platform';
import { expectEventually, uniqueId } from '@fleetward/platform/testing';
import { IncidentService } from '../src/incidents/incident.service.js';
import { startNotifier } from './support/notifier-app.js';

/**
 * Two replicas of the notifier's consumer each take part of the stream: a device.online can be applied before the
 * device.offline it ends. The stream here carries the pairs in the wrong order, as the second replica would apply them.
 */
describe('liveness transitions applied out of order', () => {
  let app: INestApplication;
  let close: () => Promise<void>;
  const orgId = uniqueId('org');
  const caller: Caller = { orgId, role: 'viewer', actor: 'user:test', correlationId: 'c-1' };
  const t = (min: number) => new Date(Date.UTC(2026, 11, 6, 8, min));

  beforeAll(async () => {
    ({ app, close } = await startNotifier({}));
  }, 60_000);
  afterAll(() => close?.());

  const publish = async (e: EventEnvelope) =>
    app.get(NatsClient).js.publish(`fleet.evt.${orgId}.${e.type}.v1`, JSON.stringify(e), { msgID: e.id });
  const incidentsOf = async (deviceId: string) =>
    (await app.get(IncidentService).list(caller, { deviceId }, undefined, 50)).items.map(
      (i) => `${i.kind}:${i.status}`,
    );
  const device = (deviceId: string) => ({ orgId, overrides: { deviceId } });

  it('leaves no incident open for a device whose return was applied before its outage', async () => {
    // reversed: back at 08:10, applied before the outage detected at 08:05
    await publish(fixtures.deviceOnline({ ...device('reversed'), occurredAt: t(10) }));
    await publish(fixtures.deviceOffline({ ...device('reversed'), occurredAt: t(5) }));
    // in order: the usual open then resolve
    await publish(fixtures.deviceOffline({ ...device('ordered'), occurredAt: t(5) }));
    await publish(fixtures.deviceOnline({ ...device('ordered'), occurredAt: t(10) }));
    // still out: a newer outage after an older return stays open
    await publish(fixtures.deviceOnline({ ...device('out-again'), occurredAt: t(1) }));
    await publish(fixtures.deviceOffline({ ...device('out-again'), occurredAt: t(20) }));
    // degraded/restored and site pairs follow the same rule
    await publish(fixtures.deviceRestored({ ...device('faults'), occurredAt: t(30) }));
    await publish(fixtures.deviceDegraded({ ...device('faults'), occurredAt: t(25) }));

    await expectEventually(async () => {
      expect(await incidentsOf('ordered')).toEqual(['device-offline:resolved']);
      expect(await incidentsOf('out-again')).toEqual(['device-offline:open']);
    });
    expect(await incidentsOf('reversed')).toEqual([]);
    expect(await incidentsOf('faults')).toEqual([]);
  }, 30_000);
});
