import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { fixtures, sample } from '@fleetward/contracts/testing';
import type { Caller, EventEnvelope } from '@fleetward/contracts';
import { NatsClient } from '@fleetward/platform';
import { expectEventually, uniqueId, type TestDatabase } from '@fleetward/platform/testing';
import { ChannelService } from '../src/channels/channel.service.js';
import { IncidentService } from '../src/incidents/incident.service.js';
import { RoutingRuleService } from '../src/routing/routing-rule.service.js';
import { MaintenanceService } from '../src/maintenance/maintenance.service.js';
import { startNotifier } from './support/notifier-app.js';
import { startSmtpSink } from './support/smtp-sink.js';
import { startWebhookReceiver } from './support/webhook-receiver.js';

const secrets = new Map<string, string>();

describe('notifier: from events to verified notifications', () => {
  let app: INestApplication;
  let db: TestDatabase;
  let close: () => Promise<void>;
  let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
  let hooks: Awaited<ReturnType<typeof startWebhookReceiver>>;
  const caller = (orgId: string): Caller => ({ orgId, role: 'admin', actor: 'user:alice', correlationId: uniqueId('c') });

  const publish = async (e: EventEnvelope, msgID = e.id) => {
    const nats = app.get(NatsClient);
    await nats.js.publish(`fleet.evt.${e.orgId}.${e.type}.v${e.version}`, JSON.stringify(e), { msgID });
  };
  const count = async (sql: string, params: unknown[]) => Number((await db.ownerDataSource.query(sql, params))[0].n);

  /** An organisation with an email channel, a signed webhook channel and a catch-all rule. */
  async function organisation(opts: { path: string; groupWaitSec?: number; escalateAfterSec?: number }) {
    const orgId = uniqueId('org');
    const c = caller(orgId);
    const channels = app.get(ChannelService);
    await channels.addAllowedHost(c, '127.0.0.1');
    const email = await channels.create(c, { name: 'OT mail', type: 'email', target: 'ot@example.com', enabled: true });
    const hook = await channels.create(c, { name: 'Ticketing', type: 'webhook', target: hooks.base + opts.path, enabled: true });
    secrets.set(opts.path, hook.secret!);
    const escalation = await channels.create(c, { name: 'Escalation', type: 'webhook', target: `${hooks.base}${opts.path}/escalation`, enabled: true });
    secrets.set(`${opts.path}/escalation`, escalation.secret!);
    await app.get(RoutingRuleService).create(c, {
      name: 'everything',
      enabled: true,
      match: { kinds: [], minSeverity: 'info', siteIds: [], deviceTypes: [], tags: [] },
      channelIds: [email.id, hook.id],
      timing: { groupWaitSec: opts.groupWaitSec ?? 1, groupIntervalSec: 1, repeatIntervalSec: 3600 },
      quietHours: null,
      escalateAfterSec: opts.escalateAfterSec ?? null,
      escalationChannelIds: opts.escalateAfterSec ? [escalation.id] : [],
    });
    return { orgId, c };
  }

  beforeAll(async () => {
    smtp = await startSmtpSink();
    hooks = await startWebhookReceiver((p) => secrets.get(p));
    ({ app, db, close } = await startNotifier({ SMTP_URL: smtp.url }));
  }, 60_000);
  afterAll(async () => {
    await close?.();
    await hooks?.close();
    await smtp?.close();
  });

  it('a site of 500 devices going dark is one incident and one notification per channel, also across redeliveries', async () => {
    const { orgId } = await organisation({ path: '/site-dark', groupWaitSec: 2 });
    const deviceIds = Array.from({ length: 500 }, (_, i) => `cam-${i}`);
    // A few devices were reported before the roll-up; the site incident supersedes them quietly.
    for (const id of deviceIds.slice(0, 5)) {
      await publish(fixtures.deviceOffline({ orgId, overrides: { deviceId: id, deviceName: id } }));
    }
    const dark = fixtures.siteUnreachable({ orgId, overrides: { siteName: 'Store 214', deviceCount: 500, offlineDeviceIds: deviceIds } });
    await publish(dark);
    await publish(dark, uniqueId('redelivered')); // the same event again (another message id): applied once
    for (const id of deviceIds.slice(5, 10)) {
      await publish(fixtures.deviceOffline({ orgId, overrides: { deviceId: id, deviceName: id } }));
    }

    await expectEventually(() => expect(hooks.received.filter((r) => r.path === '/site-dark')).toHaveLength(1), { timeoutMs: 15_000 });
    await expectEventually(() => expect(smtp.mails.filter((m) => m.raw.includes('Store 214'))).toHaveLength(1));
    const hook = hooks.received.find((r) => r.path === '/site-dark')!;
    expect(hook.verdict).toBe('accepted');
    const body = JSON.parse(hook.body);
    expect(body).toMatchObject({ type: 'notification.firing', subject: 'Store 214 unreachable, 500 devices' });
    expect(body.items).toHaveLength(1);

    const s = db.schema;
    expect(await count(`SELECT count(*) n FROM "${s}".incident WHERE org_id = $1 AND status <> 'resolved'`, [orgId])).toBe(1);
    expect(await count(`SELECT count(*) n FROM "${s}".incident_log l JOIN "${s}".incident i ON i.id = l.incident_id WHERE i.org_id = $1 AND i.kind = 'site-unreachable' AND l.what = 'opened'`, [orgId])).toBe(1);
    // Nothing else is waiting to go out: the only delivery rows are the two sent ones, no group is due before the repeat.
    expect(await count(`SELECT count(*) n FROM "${s}".delivery WHERE org_id = $1`, [orgId])).toBe(2);
    expect(await count(`SELECT count(*) n FROM "${s}".notification_group WHERE org_id = $1 AND next_send_at < now() + interval '30 minutes'`, [orgId])).toBe(0);

    // Power returns: the incident resolves itself and the message says how long it lasted.
    await publish(fixtures.siteRecovered({ orgId, overrides: { siteName: 'Store 214', durationSec: 5400, deviceCount: 500 } }));
    await expectEventually(() => expect(hooks.received.filter((r) => r.path === '/site-dark')).toHaveLength(2), { timeoutMs: 15_000 });
    const resolved = JSON.parse(hooks.received.filter((r) => r.path === '/site-dark')[1]!.body);
    expect(resolved.type).toBe('notification.resolved');
    expect(resolved.items[0].status).toBe('resolved');
    expect(await count(`SELECT count(*) n FROM "${s}".incident WHERE org_id = $1 AND status <> 'resolved'`, [orgId])).toBe(0);
  }, 60_000);

  it('the independent receiver rejects a tampered body, a stale timestamp and a replayed id', async () => {
    const hook = await expectEventually(() => {
      const h = hooks.received.find((r) => r.path === '/site-dark' && r.verdict === 'accepted');
      expect(h).toBeDefined();
      return h!;
    });
    expect(hooks.verify('/site-dark', hook.headers, hook.body)).toBe('replayed');
    expect(hooks.verify('/site-dark', hook.headers, hook.body.replace('Store 214', 'Store 215'))).toBe('bad-signature');
    expect(hooks.verify('/site-dark', hook.headers, hook.body, Date.now() / 1000 + 600)).toBe('stale');
  });

  it('a maintenance window holds alerts, then sends one digest of what is still wrong', async () => {
    const { orgId } = await organisation({ path: '/maintenance' });
    const now = Date.now();
    await db.dataSource.transaction(async (m) => {
      await m.query('SELECT set_config($1, $2, true)', ['fleetward.org_id', orgId]);
      await app.get(MaintenanceService).create(m, orgId, 'user:alice', {
        scope: 'site',
        targetId: sample.siteId,
        startsAt: new Date(now - 60_000).toISOString(),
        endsAt: new Date(now + 4_000).toISOString(),
        reason: 'camera replacement',
      }, new Date());
    });
    await publish(fixtures.deviceOffline({ orgId, overrides: { deviceId: 'dock-cam', deviceName: 'Loading dock camera' } }));
    await publish(fixtures.deviceOffline({ orgId, overrides: { deviceId: 'gate-cam', deviceName: 'Gate camera' } }));
    await expectEventually(async () =>
      expect(await count(`SELECT count(*) n FROM "${db.schema}".incident WHERE org_id = $1 AND held`, [orgId])).toBe(2),
    );
    // One of them comes back during the window: not "still wrong" at its end.
    await publish(fixtures.deviceOnline({ orgId, overrides: { deviceId: 'gate-cam', deviceName: 'Gate camera' } }));
    expect(hooks.received.filter((r) => r.path === '/maintenance')).toHaveLength(0);

    await expectEventually(() => expect(hooks.received.filter((r) => r.path === '/maintenance')).toHaveLength(1), { timeoutMs: 15_000 });
    const digest = JSON.parse(hooks.received.find((r) => r.path === '/maintenance')!.body);
    expect(digest.type).toBe('notification.digest');
    expect(digest.items.map((i: { deviceName: string }) => i.deviceName)).toEqual(['Loading dock camera']);
  }, 60_000);

  it('escalates an incident nobody acknowledged, and not one that was acknowledged', async () => {
    const { orgId, c } = await organisation({ path: '/escalate', escalateAfterSec: 5 });
    await publish(fixtures.deviceOffline({ orgId, overrides: { deviceId: 'door-1', deviceName: 'Door 1 reader' } }));
    await publish(fixtures.deviceOffline({ orgId, overrides: { deviceId: 'door-2', deviceName: 'Door 2 reader' } }));
    const incidents = app.get(IncidentService);
    const acked = await expectEventually(async () => {
      const page = await incidents.list(c, { deviceId: 'door-2' }, undefined, 10);
      expect(page.items).toHaveLength(1);
      return page.items[0]!;
    }, { timeoutMs: 15_000 });
    await incidents.acknowledge(c, acked.id, 'contractor on site');
    await expectEventually(() => expect(hooks.received.filter((r) => r.path === '/escalate/escalation')).toHaveLength(1), { timeoutMs: 15_000 });
    const body = JSON.parse(hooks.received.find((r) => r.path === '/escalate/escalation')!.body);
    expect(body.type).toBe('notification.escalation');
    expect(body.items.map((i: { deviceName: string }) => i.deviceName)).toEqual(['Door 1 reader']);
  }, 60_000);
});
