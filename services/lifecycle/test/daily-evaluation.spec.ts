import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { deterministicEventId } from '@fleetward/platform';
import { ManualClock } from '@fleetward/platform/testing';
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

  it('runs each organisation once when two replicas race for the same midnight', async () => {
    const clock = new ManualClock('2026-06-14T12:00:00Z');
    const orgs: string[] = [];
    for (let i = 0; i < 12; i++)
      orgs.push(await orgWithReminder(l, clock, { timezone: 'UTC', warrantyEnd: '2026-07-15' }));
    const [a, b] = [replica(l, clock), replica(l, clock)];

    clock.set('2026-06-15T00:00:05Z');
    const [ranA, ranB] = await Promise.all([a.runDue(), b.runDue()]);
    const ran = [...ranA, ...ranB].filter((r) => orgs.includes(r.orgId));
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
