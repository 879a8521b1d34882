import { describe, expect, it } from '@jest/globals';
import { fixtures } from '@fleetward/contracts/testing';
import type { IncidentRow } from '../incidents/incident.row.js';
import { digestTitle } from './group-digest.js';
import { allFamilies } from './lifecycle-group-rules.js';
import { planMembership } from './membership-plan.js';

const orgId = 'org_groups';
const device = (id: string) => ({ ...fixtures.warrantyExpiring().data.device, id, name: id });
const expiring = (id: string, leadDays: number) =>
  fixtures.warrantyExpiring({ orgId, overrides: { device: device(id), leadDays, daysLeft: leadDays } });

describe('group membership of a batch', () => {
  it('places each (family, device) once, where its last event puts it', () => {
    const plan = planMembership([
      expiring('a', 90),
      expiring('a', 30),
      expiring('b', 90),
      fixtures.deviceUpdated({ orgId, overrides: { id: 'b', warrantyEnd: '2031-01-01', changed: ['warrantyEnd'] } }),
    ]);
    expect(plan.placements).toEqual([
      {
        family: 'warranty',
        deviceId: 'a',
        target: expect.objectContaining({ kind: 'warranty-expiring', key: 'lead:30' }),
      },
      { family: 'warranty', deviceId: 'b', target: null },
    ]);
    // Only where devices end up is opened: nobody is left in the 90-day window.
    expect(plan.targets.map((t) => t.target.key)).toEqual(['lead:30']);
  });

  it('a decommissioned device leaves every family; a change of name leaves none', () => {
    const plan = planMembership([
      fixtures.deviceDecommissioned({ orgId, overrides: { id: 'c' } }),
      fixtures.deviceUpdated({ orgId, overrides: { id: 'd', changed: ['name'] } }),
    ]);
    expect(plan.placements.map((p) => p.family)).toEqual(allFamilies);
    expect(plan.placements.every((p) => p.deviceId === 'c' && p.target === null)).toBe(true);
  });

  it('groups vulnerable firmware per vendor, other non-compliance per status, replacements per reason', () => {
    const plan = planMembership([
      fixtures.deviceFirmwareNoncompliant({ orgId, overrides: { device: device('e') } }),
      fixtures.deviceFirmwareNoncompliant({ orgId, overrides: { device: device('f'), status: 'behind', cves: [] } }),
      fixtures.replacementDue({ orgId, overrides: { device: device('e') } }),
    ]);
    expect(plan.targets.map((t) => `${t.target.kind} ${t.target.key}`)).toEqual([
      'firmware-noncompliant status:behind',
      'firmware-vulnerable vendor:Axis',
      'replacement-due reason:warranty-expiry',
    ]);
  });
});

describe('digest line of a grouped incident', () => {
  const row = (o: Partial<IncidentRow>) =>
    ({
      title: 't',
      status: 'open',
      details: { label: 'Warranty ends within 90 days' },
      member_count: 4800,
      members_added: 5000,
      members_removed: 200,
      ...o,
    }) as IncidentRow;

  it('gives the count the first time, then what changed since the last message', () => {
    expect(digestTitle(row({}))).toBe('Warranty ends within 90 days: 4,800 devices');
    expect(digestTitle({ ...row({}), told_added: 3800, told_removed: 200 })).toBe(
      'Warranty ends within 90 days: +1,200 devices, now 4,800',
    );
    expect(digestTitle({ ...row({}), told_added: 3800, told_removed: 0 })).toBe(
      'Warranty ends within 90 days: +1,200 -200 devices, now 4,800',
    );
    expect(digestTitle(row({ status: 'resolved', member_count: 0 }))).toBe(
      'Warranty ends within 90 days: no device left',
    );
    expect(digestTitle(row({ member_count: null, title: 'Gate camera offline' }))).toBe('Gate camera offline');
  });
});
