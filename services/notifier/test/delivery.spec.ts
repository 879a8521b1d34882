import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { fixtures } from '@fleetward/contracts/testing';
import type { Caller } from '@fleetward/contracts';
import { DomainError, NatsClient } from '@fleetward/platform';
import { expectEventually, signedPayload, uniqueId } from '@fleetward/platform/testing';
import { ChannelService } from '../src/channels/channel.service.js';
import { RoutingRuleService } from '../src/routing/routing-rule.service.js';
import { IncidentsRpcController } from '../src/rpc/incidents.rpc.controller.js';
import { startNotifier } from './support/notifier-app.js';
import { startWebhookReceiver } from './support/webhook-receiver.js';

describe('notifier deliveries: retries, dead letters, disabled endpoints, unsafe URLs', () => {
  let app: INestApplication;
  let close: () => Promise<void>;
  let db: Awaited<ReturnType<typeof startNotifier>>['db'];
  let hooks: Awaited<ReturnType<typeof startWebhookReceiver>>;
  const orgId = uniqueId('org');
  const caller: Caller = { orgId, role: 'admin', actor: 'user:alice', correlationId: 'c-1' };
  const channelIds: Record<string, string> = {};

  beforeAll(async () => {
    hooks = await startWebhookReceiver(
      () => undefined,
      (path, n) =>
        path === '/flaky' ? (n <= 2 ? 503 : 200) : path === '/gone' ? 410 : path === '/hang' ? 'hang' : 200,
    );
    ({ app, close, db } = await startNotifier({
      DELIVERY_ATTEMPTS: '3',
      DELIVERY_BACKOFF_MS: '100',
      WEBHOOK_TIMEOUT_MS: '300',
    }));
    const channels = app.get(ChannelService);
    await channels.addAllowedHost(caller, '127.0.0.1');
    for (const name of ['flaky', 'gone', 'hang']) {
      channelIds[name] = (
        await channels.create(caller, { name, type: 'webhook', target: `${hooks.base}/${name}`, enabled: true })
      ).id;
    }
    await app.get(RoutingRuleService).create(caller, {
      name: 'all',
      enabled: true,
      match: { kinds: [], minSeverity: 'info', siteIds: [], deviceTypes: [], tags: [] },
      channelIds: Object.values(channelIds),
      timing: { groupWaitSec: 0, groupIntervalSec: 60, repeatIntervalSec: 3600 },
      quietHours: null,
      escalateAfterSec: null,
      escalationChannelIds: [],
    });
    const e = fixtures.deviceOffline({ orgId });
    await app.get(NatsClient).js.publish(`fleet.evt.${orgId}.device.offline.v1`, JSON.stringify(e), { msgID: e.id });
  }, 60_000);
  afterAll(async () => {
    await close?.();
    await hooks?.close();
  });

  const deliveries = async (status?: 'sent' | 'dead') => {
    // As the gateway sends it: with a fresh caller assertion (each serves once).
    const request = await signedPayload('notifier', { caller, status, limit: 50 });
    const reply = await app.get(IncidentsRpcController).deliveriesList(request);
    if (!reply.ok) throw new Error(reply.error.message);
    return reply.data.items;
  };

  it('retries a failing endpoint with backoff until it accepts', async () => {
    await expectEventually(
      async () => expect((await deliveries('sent')).map((d) => d.channelName)).toEqual(['flaky']),
      { timeoutMs: 20_000 },
    );
    const [d] = await deliveries('sent');
    expect(d).toMatchObject({ attempts: 3, lastStatus: 200 });
    expect(hooks.attempts('/flaky')).toBe(3);
    // The delivery log keeps every attempt, not only the last state.
    const log = await db.ownerDataSource.query(
      `SELECT attempt, outcome, status_code FROM "${db.schema}".delivery_attempt WHERE delivery_id = $1 ORDER BY attempt`,
      [d!.id],
    );
    expect(log).toEqual([
      { attempt: 1, outcome: 'retry', status_code: 503 },
      { attempt: 2, outcome: 'retry', status_code: 503 },
      { attempt: 3, outcome: 'delivered', status_code: 200 },
    ]);
  }, 30_000);

  it('a 410 disables the endpoint; a hanging one is cut at the timeout and becomes a dead letter', async () => {
    await expectEventually(
      async () => expect((await deliveries('dead')).map((d) => d.channelName).sort()).toEqual(['gone', 'hang']),
      { timeoutMs: 20_000 },
    );
    const dead = await deliveries('dead');
    expect(dead.find((d) => d.channelName === 'gone')).toMatchObject({ attempts: 1, lastStatus: 410 });
    expect(dead.find((d) => d.channelName === 'hang')).toMatchObject({ attempts: 3, lastStatus: null });
    expect(dead.find((d) => d.channelName === 'hang')!.lastError).toMatch(/timed out after 300 ms/);
    const gone = (await app.get(ChannelService).list(caller, undefined, 50)).items.find((c) => c.name === 'gone');
    expect(gone).toMatchObject({ enabled: false, disabledReason: 'the endpoint answered 410 Gone' });
  }, 30_000);

  it.each([
    'http://127.0.0.1:9/x',
    'http://localhost/x',
    'http://10.0.0.5/x',
    'http://192.168.1.1/x',
    'http://172.20.0.1/x',
    'http://169.254.169.254/latest/meta-data',
    'http://[::1]/x',
    'http://[fe80::1]/x',
    'http://metadata.google.internal/',
    'file:///etc/passwd',
    'ftp://example.com/x',
  ])('refuses to register %s', async (target) => {
    const other: Caller = { ...caller, orgId: uniqueId('org') };
    const err = await app
      .get(ChannelService)
      .create(other, { name: 'x', type: 'webhook', target, enabled: true })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DomainError);
    expect((err as DomainError).reason).toBe('UNSAFE_URL');
  });
});
