import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { fixtures } from '@fleetward/contracts/testing';
import type { Caller } from '@fleetward/contracts';
import { NatsClient } from '@fleetward/platform';
import { expectEventually, uniqueId } from '@fleetward/platform/testing';
import { ChannelService } from '../src/channels/channel.service.js';
import { RoutingRuleService } from '../src/routing/routing-rule.service.js';
import { startNotifier } from './support/notifier-app.js';

const SLOW_MS = 1_500;

/** An endpoint that takes SLOW_MS to accept each webhook, and says when one is being handled. */
async function slowEndpoint() {
  let received = 0;
  let answered = 0;
  const server = http.createServer((req, res) => {
    received += 1;
    req.resume();
    setTimeout(() => {
      answered += 1;
      res.writeHead(200).end('ok');
    }, SLOW_MS);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    received: () => received,
    answered: () => answered,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('notifier stopping while a webhook is in progress', () => {
  let started: Awaited<ReturnType<typeof startNotifier>>;
  let endpoint: Awaited<ReturnType<typeof slowEndpoint>>;
  const orgId = uniqueId('org');
  const caller: Caller = { orgId, role: 'admin', actor: 'user:alice', correlationId: 'c-drain' };

  beforeAll(async () => {
    endpoint = await slowEndpoint();
    started = await startNotifier({ WEBHOOK_TIMEOUT_MS: '5000' });
    const channels = started.app.get(ChannelService);
    await channels.addAllowedHost(caller, '127.0.0.1');
    const channel = await channels.create(caller, {
      name: 'slow',
      type: 'webhook',
      target: endpoint.url,
      enabled: true,
    });
    await started.app.get(RoutingRuleService).create(caller, {
      name: 'all',
      enabled: true,
      match: { kinds: [], minSeverity: 'info', siteIds: [], deviceTypes: [], tags: [] },
      channelIds: [channel.id],
      timing: { groupWaitSec: 0, groupIntervalSec: 60, repeatIntervalSec: 3600 },
      quietHours: null,
      escalateAfterSec: null,
      escalationChannelIds: [],
    });
  }, 60_000);
  afterAll(async () => {
    await started?.db.drop();
    await endpoint?.close();
  });

  it('lets the delivery finish and records it before the connections close', async () => {
    const e = fixtures.deviceOffline({ orgId });
    await started.app
      .get(NatsClient)
      .js.publish(`fleet.evt.${orgId}.device.offline.v1`, JSON.stringify(e), { msgID: e.id });
    await expectEventually(() => expect(endpoint.received()).toBe(1), { timeoutMs: 20_000 });

    await started.app.close();

    expect(endpoint.answered()).toBe(1);
    const { db } = started;
    const attempts = await db.ownerDataSource.query(`SELECT outcome, status_code FROM "${db.schema}".delivery_attempt`);
    expect(attempts).toEqual([{ outcome: 'delivered', status_code: 200 }]);
  }, 40_000);
});
