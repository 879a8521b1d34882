import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { deterministicEventId } from '@fleetward/platform';
import { ManualClock } from '@fleetward/platform/testing';
import { EvaluationService } from '../src/evaluation/evaluation.service.js';
import { ScheduleRepository } from '../src/schedule/schedule.repository.js';
import { lifecycleDb, type LifecycleDb } from './support/lifecycle-db.js';
import { LEASE_MS, orgWithReminder, outboxOf, replica, scheduleOf } from './support/schedule-helpers.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('daily evaluation at each organisation local midnight (real Postgres, controllable clock)', () => {
  let l: LifecycleDb;

  beforeAll(async () => {
    l = await lifecycleDb();
    // A firmware line whose support ends on 2026-06-15: a device on it turns unsupported at that local midnight.
    await l.releases([
      {
        vendor: 'Hanwha',
        models: ['XNV-8080'],
        version: '2.10.5',
        releaseDate: '2025-01-01',
        lineEndOfSupport: '2026-06-15',
      },
    ]);
  }, 60_000);

  afterAll(() => l.close());

  it('emits what a passing date makes true at the local midnight, once, with no other event arriving', async () => {
    // 23:59 on 14 June in Tokyo (UTC+9): the reminder (warranty end 15 July - 30 days) and the end of support are tomorrow.
    const clock = new ManualClock('2026-06-14T14:59:00Z');
    const org = await orgWithReminder(l, clock, {
      timezone: 'Asia/Tokyo',
      warrantyEnd: '2026-07-15',
      more: [{ deviceId: 'nvr', vendor: 'Hanwha', model: 'XNV-8080', firmwareVersion: '2.10.5' }],
    });
    const statusOf = () =>
      l.org(org, (m) => m.query(`SELECT status FROM device_compliance WHERE device_id = 'nvr'`)) as Promise<unknown>;
    expect(await statusOf()).toEqual([{ status: 'current' }]);
    expect(await scheduleOf(l, org)).toMatchObject({ nextDueAt: '2026-06-14T15:00:00.000Z', runs: 0 });
    const scheduler = replica(l, clock);

    expect(await scheduler.runDue()).toEqual([]);
    expect(await outboxOf(l, org)).toEqual([]);

    clock.set('2026-06-14T15:00:20Z'); // 00:00:20 on 15 June in Tokyo; still 14 June in UTC
    const [run, ...more] = await scheduler.runDue();
    expect(more).toEqual([]);
    expect(run).toMatchObject({ orgId: org, outcome: 'ok', result: { replacementsDue: 1, becameNoncompliant: 1 } });
    const events = await outboxOf(l, org);
    expect(events).toHaveLength(2);
    expect(events).toEqual(
      expect.arrayContaining([
        {
          id: deterministicEventId(`replacement.due|${org}|cam|warranty-expiry`),
          type: 'replacement.due',
          deviceId: 'cam',
          occurredAt: '2026-06-14T15:00:20.000Z',
        },
        expect.objectContaining({ type: 'device.firmware-noncompliant', deviceId: 'nvr' }),
      ]),
    );
    expect(await scheduleOf(l, org)).toMatchObject({ nextDueAt: '2026-06-15T15:00:00.000Z', runs: 1, attempts: 0 });
    expect(await statusOf()).toEqual([{ status: 'unsupported' }]);

    // The rest of the day, and the next midnight: nothing new is true, nothing is emitted again.
    clock.advance(HOUR);
    expect(await scheduler.runDue()).toEqual([]);
    clock.set('2026-06-15T15:00:01Z');
    expect(await scheduler.runDue()).toMatchObject([{ orgId: org, outcome: 'ok', result: { replacementsDue: 0 } }]);
    expect(await outboxOf(l, org)).toHaveLength(2);
  }, 30_000);

  it('follows every time zone the organisation has devices in: each zone midnight, in order', async () => {
    const clock = new ManualClock('2026-06-20T12:00:00Z');
    const org = await orgWithReminder(l, clock, { timezone: 'America/New_York', warrantyEnd: '2026-07-22' });
    const scheduler = replica(l, clock);
    // Organisations of the tests before are due too by now: only this one's runs are looked at.
    const runDue = async () => (await scheduler.runDue()).filter((r) => r.orgId === org);
    // No device in Tokyo yet: the next midnight is New York's (04:00Z in June).
    expect(await scheduleOf(l, org)).toMatchObject({ nextDueAt: '2026-06-21T04:00:00.000Z' });

    // A site in Tokyo with a device arrives (as its events would): Tokyo's midnight comes first, so the run moves up.
    await l.org(org, (m) =>
      l.projection.upsertSites(m, org, [{ siteId: 'tokyo', parentId: null, timezone: 'Asia/Tokyo' }]),
    );
    await l.devices(org, [{ deviceId: 'tokyo-cam', siteId: 'tokyo', sitePath: ['tokyo'] }]);
    await new EvaluationService(l.db.dataSource, clock).reevaluate(org);
    expect(await scheduleOf(l, org)).toMatchObject({ nextDueAt: '2026-06-20T15:00:00.000Z' });

    clock.set('2026-06-20T15:00:01Z');
    expect(await runDue()).toMatchObject([{ orgId: org, result: { replacementsDue: 0 } }]);
    expect(await scheduleOf(l, org)).toMatchObject({ nextDueAt: '2026-06-21T04:00:00.000Z', runs: 1 });
    // New York's midnight of 21 June: the reminder for a warranty ending 22 July falls on 22 June, not yet.
    clock.set('2026-06-21T04:00:01Z');
    expect(await runDue()).toMatchObject([{ orgId: org, result: { replacementsDue: 0 } }]);
    expect(await scheduleOf(l, org)).toMatchObject({ nextDueAt: '2026-06-21T15:00:00.000Z', runs: 2 });
    // The next Tokyo midnight changes nothing for New York; New York's 22 June does.
    clock.set('2026-06-21T15:00:01Z');
    expect(await runDue()).toMatchObject([{ orgId: org, result: { replacementsDue: 0 } }]);
    clock.set('2026-06-22T04:00:01Z');
    expect(await runDue()).toMatchObject([{ orgId: org, result: { replacementsDue: 1 } }]);
    expect((await outboxOf(l, org)).map((e) => e.deviceId)).toEqual(['cam']);
  }, 30_000);

  it('runs each organisation once when two replicas race for the same midnight', async () => {
    const clock = new ManualClock('2026-06-14T12:00:00Z');
    const orgs: string[] = [];
    for (let i = 0; i < 12; i++)
      orgs.push(await orgWithReminder(l, clock, { timezone: 'UTC', warrantyEnd: '2026-07-15' }));
    const [a, b] = [replica(l, clock), replica(l, clock)];

    clock.set('2026-06-15T00:00:05Z');
    const [ranA, ranB] = await Promise.all([a.runDue(), b.runDue()]);
    const ran = [...ranA, ...ranB].filter((r) => orgs.includes(r.orgId));
    // Both replicas did part of the work (each first claim is sent before either returns): the race was real.
    expect(ranA.length > 0 && ranB.length > 0).toBe(true);
    expect(ran.every((r) => r.outcome === 'ok')).toBe(true);
    expect(ran.map((r) => r.orgId).sort()).toEqual([...orgs].sort());
    for (const org of orgs) {
      expect(await scheduleOf(l, org)).toMatchObject({ runs: 1, nextDueAt: '2026-06-16T00:00:00.000Z' });
      expect((await outboxOf(l, org)).map((e) => e.type)).toEqual(['replacement.due']);
    }

    // Racing again the same day runs nothing; the next day each organisation runs once more.
    expect((await Promise.all([a.runDue(), b.runDue()])).flat()).toEqual([]);
    clock.advance(DAY);
    const next = (await Promise.all([a.runDue(), b.runDue()])).flat().filter((r) => orgs.includes(r.orgId));
    expect(next.map((r) => r.orgId).sort()).toEqual([...orgs].sort());
  }, 60_000);

  it('retries a run whose replica died holding the lease once the lease has expired, and only then', async () => {
    const clock = new ManualClock('2026-06-14T12:00:00Z');
    const org = await orgWithReminder(l, clock, { timezone: 'Europe/Paris', warrantyEnd: '2026-07-15' });
    clock.set('2026-06-14T22:00:30Z'); // 00:00:30 on 15 June in Paris

    // The replica that dies: its claim committed, its run never did (kill -9 between the two).
    const repo = new ScheduleRepository();
    const dead = await repo.claim(l.db.dataSource, randomUUID(), 'dead-replica', clock.now(), LEASE_MS);
    expect(dead).toMatchObject({ orgId: org, attempt: 1 });

    const survivor = replica(l, clock);
    expect(await survivor.runDue()).toEqual([]);
    clock.advance(LEASE_MS - 1000);
    expect(await survivor.runDue()).toEqual([]);
    expect(await outboxOf(l, org)).toEqual([]);

    clock.advance(2000);
    expect(await survivor.runDue()).toMatchObject([
      { orgId: org, outcome: 'ok', attempt: 2, result: { replacementsDue: 1 } },
    ]);
    expect((await outboxOf(l, org)).map((e) => e.type)).toEqual(['replacement.due']);
    expect(await scheduleOf(l, org)).toMatchObject({ runs: 1, attempts: 0, leasedBy: null });

    // Had the dead replica come back and tried to finish, its stale claim would be refused (and its work rolled back).
    expect(await l.org(org, (m) => repo.finish(m, dead!, clock.now()))).toBe(false);
  }, 30_000);
});
