import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { fixtures } from '@fleetward/contracts/testing';
import type { Caller } from '@fleetward/contracts';
import { NatsClient } from '@fleetward/platform';
import { expectEventually, startPrivateRedis, uniqueId, type PrivateRedis } from '@fleetward/platform/testing';
import { Redis } from 'ioredis';
import { ChannelService } from '../src/channels/channel.service.js';
import { WorkSweeper } from '../src/delivery/work-sweeper.js';
import { RoutingRuleService } from '../src/routing/routing-rule.service.js';
import { startNotifier } from './support/notifier-app.js';
import { startWebhookReceiver } from './support/webhook-receiver.js';

/** What comes back after Redis lost the BullMQ queue (docs/redis-state.md): the sweeper re-queues from Postgres. */
describe('notifier jobs after Redis lost its data (a private redis-server)', () => {
  let server: PrivateRedis;
  let redis: Redis;
  let app: INestApplication;
  let close: () => Promise<void>;
  let hooks: Awaited<ReturnType<typeof startWebhookReceiver>>;
  const secrets = new Map<string, string>();
  const orgId = uniqueId('org');
  const caller: Caller = { orgId, role: 'admin', actor: 'user:alice', correlationId: 'c-1' };

  beforeAll(async () => {
    server = await startPrivateRedis();
    redis = new Redis(server.url);
    hooks = await startWebhookReceiver((p) => secrets.get(p));
    ({ app, close } = await startNotifier({ REDIS_URL: server.url }));
    const channels = app.get(ChannelService);
    await channels.addAllowedHost(caller, '127.0.0.1');
    const hook = await channels.create(caller, {
      name: 'Ticketing',
      type: 'webhook',
      target: `${hooks.base}/lost`,
      enabled: true,
    });
    const escalation = await channels.create(caller, {
      name: 'Escalation',
      type: 'webhook',
      target: `${hooks.base}/lost/escalation`,
      enabled: true,
    });
    secrets.set('/lost', hook.secret!);
    secrets.set('/lost/escalation', escalation.secret!);
    await app.get(RoutingRuleService).create(caller, {
      name: 'everything',
      enabled: true,
      match: { kinds: [], minSeverity: 'info', siteIds: [], deviceTypes: [], tags: [] },
      channelIds: [hook.id],
      timing: { groupWaitSec: 0, groupIntervalSec: 1, repeatIntervalSec: 3600 },
      quietHours: null,
      escalateAfterSec: 6,
      escalationChannelIds: [escalation.id],
    });
  }, 60_000);
  afterAll(async () => {
    await close?.();
    await hooks?.close();
    await redis?.quit();
    await server?.stop();
  });

  it('still escalates an incident whose escalation timer was lost with Redis', async () => {
    const e = fixtures.deviceOffline({ orgId, overrides: { deviceId: 'door-9', deviceName: 'Door 9 reader' } });
    await app.get(NatsClient).js.publish(`fleet.evt.${orgId}.device.offline.v1`, JSON.stringify(e), { msgID: e.id });
    await expectEventually(() => expect(hooks.received.filter((r) => r.path === '/lost')).toHaveLength(1), {
      timeoutMs: 15_000,
    });
    // the escalation job is now a delayed BullMQ job; the loss takes it
    await redis.flushall();
    expect(await app.get(WorkSweeper).sweep()).toBeGreaterThanOrEqual(1);
    const escalated = await expectEventually(
      () => {
        const found = hooks.received.filter((r) => r.path === '/lost/escalation');
        expect(found).toHaveLength(1);
        return found[0]!;
      },
      { timeoutMs: 20_000 },
    );
    expect(JSON.parse(escalated.body).type).toBe('notification.escalation');
  }, 60_000);
});
