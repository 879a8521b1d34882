import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { fixtures } from '@fleetward/contracts/testing';
import type { Caller, EventEnvelope } from '@fleetward/contracts';
import { NatsClient } from '@fleetward/platform';
import { expectEventually, uniqueId, type TestDatabase } from '@fleetward/platform/testing';
import { ChannelService } from '../src/channels/channel.service.js';
import { IncidentService } from '../src/incidents/incident.service.js';
import { RoutingRuleService } from '../src/routing/routing-rule.service.js';
import { startNotifier } from './support/notifier-app.js';
import { startWebhookReceiver } from './support/webhook-receiver.js';

const DIGEST_SEC = 6;
const secrets = new Map<string, string>();
const device = (id: string) => ({ ...fixtures.warrantyExpiring().data.device, id, name: id });

describe('notifier: lifecycle alerts are grouped per organisation, device alerts stay single', () => {
  let app: INestApplication;
  let db: TestDatabase;
  let close: () => Promise<void>;
  let hooks: Awaited<ReturnType<typeof startWebhookReceiver>>;
  const caller = (orgId: string): Caller => ({
    orgId,
    role: 'admin',
    actor: 'user:alice',
    correlationId: uniqueId('c'),
  });

  const publish = async (events: EventEnvelope[]) => {
    const js = app.get(NatsClient).js;
    for (let i = 0; i < events.length; i += 250) {
      await Promise.all(
        events
          .slice(i, i + 250)
          .map((e) => js.publish(`fleet.evt.${e.orgId}.${e.type}.v${e.version}`, JSON.stringify(e), { msgID: e.id })),
      );
    }
  };
  const rows = (sql: string, params: unknown[]) =>
    db.ownerDataSource.query(sql, params) as Promise<Array<Record<string, unknown>>>;
  const open = (orgId: string) =>
    rows(
      `SELECT * FROM "${db.schema}".incident WHERE org_id = $1 AND status <> 'resolved' ORDER BY kind, subject_key`,
      [orgId],
    );
  const list = (orgId: string) => app.get(IncidentService).list(caller(orgId), { status: 'active' }, undefined, 100);

  async function organisation(path: string) {
    const orgId = uniqueId('org');
    const c = caller(orgId);
    const channels = app.get(ChannelService);
    await channels.addAllowedHost(c, '127.0.0.1');
    const hook = await channels.create(c, {
      name: 'Ticketing',
      type: 'webhook',
      target: hooks.base + path,
      enabled: true,
    });
    secrets.set(path, hook.secret!);
    await app.get(RoutingRuleService).create(c, {
      name: 'everything',
      enabled: true,
      match: { kinds: [], minSeverity: 'info', siteIds: [], deviceTypes: [], tags: [] },
      channelIds: [hook.id],
      timing: { groupWaitSec: 2, groupIntervalSec: 1, repeatIntervalSec: 3600 },
      quietHours: null,
      escalateAfterSec: null,
      escalationChannelIds: [],
    });
    return { orgId, channelId: hook.id };
  }
  const expiring = (orgId: string, id: string, leadDays = 90) =>
    fixtures.warrantyExpiring({ orgId, overrides: { device: device(id), leadDays, daysLeft: leadDays } });
  const renewed = (orgId: string, id: string) =>
    fixtures.deviceUpdated({ orgId, overrides: { id, name: id, warrantyEnd: '2030-01-01', changed: ['warrantyEnd'] } });
  const decommissioned = (orgId: string, id: string) =>
    fixtures.deviceDecommissioned({ orgId, overrides: { id, name: id } });
  const received = (path: string) => hooks.received.filter((r) => r.path === path).map((r) => JSON.parse(r.body));

  beforeAll(async () => {
    hooks = await startWebhookReceiver((p) => secrets.get(p));
    ({ app, db, close } = await startNotifier({ GROUP_DIGEST_INTERVAL_SEC: String(DIGEST_SEC) }));
  }, 60_000);
  afterAll(async () => {
    await close?.();
    await hooks?.close();
  });

  it('2,000 warranty notices open one incident of 2,000 devices, told at most once per digest interval', async () => {
    const { orgId, channelId } = await organisation('/bulk');
    const ids = Array.from({ length: 2000 }, (_, i) => `cam-${i}`);
    await publish(ids.map((id) => expiring(orgId, id)));

    await expectEventually(
      async () => {
        const all = await rows(`SELECT * FROM "${db.schema}".incident WHERE org_id = $1`, [orgId]);
        expect(all).toHaveLength(1);
        expect(all[0]).toMatchObject({
          kind: 'warranty-expiring',
          member_count: 2000,
          device_id: null,
          status: 'open',
        });
      },
      { timeoutMs: 60_000 },
    );
    const page = await list(orgId);
    expect(page.items).toHaveLength(1);
    expect(page.items[0]).toMatchObject({
      memberCount: 2000,
      title: 'Warranty ends within 90 days: 2,000 devices',
      deviceId: null,
    });
    expect(page.items[0]!.membersLink).toMatch(
      /^\/api\/v1\/devices\?warrantyAfter=\d{4}-\d\d-\d\d&warrantyBefore=\d{4}-\d\d-\d\d$/,
    );
    // However the 2,000 were spread over batches and digests, the messages end on the full count.
    await expectEventually(
      () =>
        expect(received('/bulk').at(-1)?.items[0].title).toMatch(
          /^Warranty ends within 90 days: (2,000 devices|.* now 2,000)$/,
        ),
      { timeoutMs: 30_000 },
    );
    const told = received('/bulk').length;
    expect(received('/bulk')[0].items[0]).toMatchObject({
      memberCount: expect.any(Number),
      membersLink: expect.stringMatching(/^\/api\/v1\/devices\?warrantyAfter=/),
    });

    // Some devices leave (told with the next growth, not on their own), more join: the next message says what
    // changed, no sooner than the digest interval.
    await publish([
      ...ids.slice(0, 100).map((id) => renewed(orgId, id)),
      ...Array.from({ length: 300 }, (_, i) => expiring(orgId, `cam-new-${i}`)),
    ]);
    await expectEventually(() => expect(received('/bulk').at(-1)?.items[0].title).toMatch(/now 2,200$/), {
      timeoutMs: 30_000,
    });
    const changes = received('/bulk')
      .slice(told)
      .map((n) => n.items[0].title as string);
    const total = (sign: string) =>
      changes.reduce((sum, t) => sum + Number(new RegExp(`\\${sign}(\\d+)`).exec(t.replace(/,/g, ''))?.[1] ?? 0), 0);
    expect([total('+'), total('-')]).toEqual([300, 100]);
    expect(changes[0]).toMatch(/^Warranty ends within 90 days: \+\d+( -\d+)? devices, now [\d,]+$/);
    expect((await open(orgId))[0]).toMatchObject({ member_count: 2200 });

    const sent = await rows(
      `SELECT created_at FROM "${db.schema}".delivery WHERE org_id = $1 AND channel_id = $2 ORDER BY created_at`,
      [orgId, channelId],
    );
    expect(received('/bulk')).toHaveLength(sent.length);
    expect(sent.length).toBeLessThanOrEqual(4);
    for (let i = 1; i < sent.length; i++) {
      const gapMs = (sent[i]!['created_at'] as Date).getTime() - (sent[i - 1]!['created_at'] as Date).getTime();
      expect(gapMs).toBeGreaterThanOrEqual(DIGEST_SEC * 1000 - 500);
    }
    expect(received('/bulk').every((n) => n.items.length === 1)).toBe(true);
  }, 120_000);

  it('a group grows, shrinks, moves devices between windows and resolves itself when empty', async () => {
    const { orgId } = await organisation('/lifecycle');
    await publish(['d1', 'd2', 'd3'].map((id) => expiring(orgId, id)));
    await expectEventually(async () =>
      expect(await open(orgId)).toMatchObject([{ subject_key: 'group:lead:90', member_count: 3 }]),
    );
    const first = (await open(orgId))[0]!['id'];

    await publish(['d4', 'd5'].map((id) => expiring(orgId, id)));
    await expectEventually(async () => expect(await open(orgId)).toMatchObject([{ id: first, member_count: 5 }]));
    const told = () =>
      received('/lifecycle').flatMap((n) => n.items as Array<{ incidentId: string; status: string; title: string }>);
    await expectEventually(
      () => expect(told().at(-1)?.title).toMatch(/^Warranty ends within 90 days: (5 devices|.* now 5)$/),
      { timeoutMs: 30_000 },
    );

    // Renewed warranty: d1 leaves. Expired: d2 moves from the 90-day window to the expired group.
    await publish([renewed(orgId, 'd1'), fixtures.warrantyExpired({ orgId, overrides: { device: device('d2') } })]);
    await expectEventually(async () =>
      expect(await open(orgId)).toMatchObject([
        { subject_key: 'group:expired', member_count: 1, severity: 'minor' },
        { id: first, subject_key: 'group:lead:90', member_count: 3, title: 'Warranty ends within 90 days: 3 devices' },
      ]),
    );
    const page = await list(orgId);
    expect(page.items.map((i) => i.memberCount).sort()).toEqual([1, 3]);
    // A device's incidents include the group it is counted in, and no longer the one it left.
    const ofDevice = await app
      .get(IncidentService)
      .list(caller(orgId), { status: 'active', deviceId: 'd2' }, undefined, 10);
    expect(ofDevice.items.map((i) => i.title)).toEqual(['Warranty expired: 1 device']);

    // The last devices of the 90-day window are decommissioned: it resolves by itself, the expired group stays.
    await publish(['d3', 'd4', 'd5'].map((id) => decommissioned(orgId, id)));
    await expectEventually(async () =>
      expect(await open(orgId)).toMatchObject([{ subject_key: 'group:expired', member_count: 1 }]),
    );
    const [resolved] = await rows(`SELECT * FROM "${db.schema}".incident WHERE id = $1`, [first]);
    expect(resolved).toMatchObject({ status: 'resolved', resolved_how: 'auto', member_count: 0 });
    await expectEventually(
      () =>
        expect(told().filter((i) => i.incidentId === first && i.status === 'resolved')).toEqual([
          expect.objectContaining({ title: 'Warranty ends within 90 days: no device left' }),
        ]),
      { timeoutMs: 30_000 },
    );

    await publish([decommissioned(orgId, 'd2')]);
    await expectEventually(async () => expect(await open(orgId)).toHaveLength(0));
    expect(await rows(`SELECT * FROM "${db.schema}".incident_member WHERE org_id = $1`, [orgId])).toHaveLength(0);

    // The next device to qualify opens a new group; firmware groups follow the same rules.
    const vulnerable = fixtures.deviceFirmwareNoncompliant({ orgId, overrides: { device: device('d6') } });
    await publish([expiring(orgId, 'd6'), vulnerable]);
    await expectEventually(async () =>
      expect(await open(orgId)).toMatchObject([
        { kind: 'firmware-vulnerable', subject_key: 'group:vendor:Axis', member_count: 1 },
        { kind: 'warranty-expiring', subject_key: 'group:lead:90', member_count: 1 },
      ]),
    );
    expect((await open(orgId))[1]!['id']).not.toBe(first);
    await publish([
      fixtures.deviceUpdated({
        orgId,
        overrides: { id: 'd6', name: 'd6', firmwareVersion: '11.11.73', changed: ['firmwareVersion'] },
      }),
    ]);
    await expectEventually(async () =>
      expect(await open(orgId)).toMatchObject([{ kind: 'warranty-expiring', member_count: 1 }]),
    );
  }, 90_000);

  it("a 20,000-device import's lifecycle notices (5 vendors, mixed warranty, firmware, replacement) open at most 20 incidents", async () => {
    const { orgId } = await organisation('/import');
    const vendors = ['Axis', 'Hanwha', 'Bosch', 'HID', 'Milestone'];
    const reasons = ['warranty-expiry', 'run-to-failure', 'firmware-support-end', 'age'] as const;
    const statuses = ['vulnerable', 'behind', 'unsupported'] as const;
    const events = Array.from({ length: 20_000 }, (_, i) => {
      const ref = { ...device(`imp-${i}`), vendor: vendors[i % 5]! };
      const warranty =
        i % 4 === 3
          ? fixtures.warrantyExpired({ orgId, overrides: { device: ref } })
          : fixtures.warrantyExpiring({
              orgId,
              overrides: { device: ref, leadDays: [90, 30, 7][i % 4]!, daysLeft: 5 },
            });
      const firmware =
        i % 2
          ? []
          : [fixtures.deviceFirmwareNoncompliant({ orgId, overrides: { device: ref, status: statuses[i % 3]! } })];
      const replacement =
        i % 3 ? [] : [fixtures.replacementDue({ orgId, overrides: { device: ref, reason: reasons[i % 4]! } })];
      return [warranty, ...firmware, ...replacement];
    }).flat();
    await publish(events);
    await expectEventually(
      async () => {
        const [r] = await rows(
          `SELECT count(*)::int n, sum(member_count)::int members FROM "${db.schema}".incident WHERE org_id = $1`,
          [orgId],
        );
        expect(r).toEqual({ n: expect.any(Number), members: events.length });
      },
      { timeoutMs: 150_000, intervalMs: 500 },
    );
    const all = await rows(
      `SELECT kind, subject_key, member_count FROM "${db.schema}".incident WHERE org_id = $1 ORDER BY kind, subject_key`,
      [orgId],
    );
    // 4 warranty windows + 5 vendors with vulnerable firmware + 2 other firmware statuses + 4 replacement reasons.
    expect(all).toHaveLength(15);
    expect(all.every((r) => (r['member_count'] as number) > 0)).toBe(true);
  }, 180_000);

  it('offline devices still open one incident each', async () => {
    const { orgId } = await organisation('/offline');
    await publish(
      ['gate', 'dock', 'lobby'].map((id) =>
        fixtures.deviceOffline({ orgId, overrides: { deviceId: id, deviceName: id } }),
      ),
    );
    await expectEventually(async () => expect((await list(orgId)).items).toHaveLength(3));
    const items = (await list(orgId)).items;
    expect(items.map((i) => i.deviceId).sort()).toEqual(['dock', 'gate', 'lobby']);
    expect(items.every((i) => i.kind === 'device-offline' && i.memberCount === null && i.membersLink === null)).toBe(
      true,
    );
  }, 30_000);
});
