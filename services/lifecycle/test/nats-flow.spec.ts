import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { fixtures } from '@fleetward/contracts/testing';
import { Subjects, type EventEnvelope } from '@fleetward/contracts';
import { NatsClient, withOrg } from '@fleetward/platform';
import { expectEventually, uniqueId, type TestDatabase } from '@fleetward/platform/testing';
import type { Subscription } from '@nats-io/transport-node';
import { ReplacementPolicyRepository } from '../src/policies/replacement-policy.repository.js';
import { replacementPolicyInputSchema } from '../src/policies/replacement-policy.schema.js';
import { startLifecycle } from './support/lifecycle-app.js';

describe('lifecycle over real NATS: inventory events in, replacement.due out', () => {
  let app: INestApplication;
  let db: TestDatabase;
  let close: () => Promise<void>;
  let sub: Subscription;
  const received: EventEnvelope[] = [];
  const orgId = uniqueId('org');

  const publish = async (e: EventEnvelope, msgID = e.id) => {
    await app.get(NatsClient).js.publish(Subjects.event(e.orgId!, e.type, e.version), JSON.stringify(e), { msgID });
  };

  beforeAll(async () => {
    ({ app, db, close } = await startLifecycle());
    await withOrg(db.dataSource, orgId, (m) =>
      new ReplacementPolicyRepository().put(
        m,
        orgId,
        replacementPolicyInputSchema.parse({ kind: 'warranty-expiry', leadDays: 30 }),
      ),
    );
    sub = app.get(NatsClient).nc.subscribe(Subjects.orgEvents(orgId));
    void (async () => {
      for await (const m of sub) {
        const e = m.json<EventEnvelope>();
        if (e.source === 'lifecycle') received.push(e);
      }
    })();
  }, 60_000);
  afterAll(async () => {
    sub?.unsubscribe();
    await close?.();
  });

  it('plans a device whose warranty has ended and announces it once, even when inventory events are redelivered', async () => {
    await publish(fixtures.siteCreated({ orgId }));
    const registered = fixtures.deviceRegistered({
      orgId,
      overrides: { id: 'cam-1', warrantyEnd: '2020-01-01', cost: 640 },
    });
    await publish(registered);
    await expectEventually(() => expect(received.map((e) => e.type)).toContain('replacement.due'), {
      timeoutMs: 20_000,
    });
    const due = received.find((e) => e.type === 'replacement.due')!;
    expect(due.data).toMatchObject({
      reason: 'warranty-expiry',
      triggerDate: '2020-01-01',
      estimatedCost: 640,
      device: { id: 'cam-1' },
    });

    await publish(registered, uniqueId('redelivered'));
    await publish(
      fixtures.deviceUpdated({
        orgId,
        overrides: { id: 'cam-1', warrantyEnd: '2020-01-01', cost: 640, firmwareVersion: '11.11.73' },
      }),
    );
    await expectEventually(
      async () => {
        const [row] = await db.ownerDataSource.query(`SELECT count(*)::int AS n FROM inbox`);
        // site.created, device.registered (delivered twice, recorded once), device.updated: the stream is consumed
        // in order, so the update's row means the redelivery before it was seen and skipped.
        expect(row.n).toBe(3);
      },
      { timeoutMs: 20_000 },
    );
    const items = await db.ownerDataSource.query(`SELECT device_id, state FROM replacement_item`);
    expect(items).toEqual([{ device_id: 'cam-1', state: 'proposed' }]);
    expect(received.filter((e) => e.type === 'replacement.due')).toHaveLength(1);
  }, 60_000);
});
