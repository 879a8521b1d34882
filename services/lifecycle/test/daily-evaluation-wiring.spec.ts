import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { withOrg } from '@fleetward/platform';
import { expectEventually, ManualClock, type TestDatabase } from '@fleetward/platform/testing';
import { register } from 'prom-client';
import { EvaluationService } from '../src/evaluation/evaluation.service.js';
import { ProjectionRepository } from '../src/projection/projection.repository.js';
import { ReplacementPolicyRepository } from '../src/policies/replacement-policy.repository.js';
import { replacementPolicyInputSchema } from '../src/policies/replacement-policy.schema.js';
import { startLifecycle } from './support/lifecycle-app.js';

/** The service as deployed: its own poll loop finds the due organisation; nothing in the test calls the scheduler. */
describe('daily evaluation inside the running service (poll loop, injected clock, metrics)', () => {
  const clock = new ManualClock('2026-03-09T22:00:00Z'); // 23:00 on 9 March in Lagos (UTC+1)
  const org = `org_wiring_${Date.now().toString(36)}`;
  let app: INestApplication;
  let db: TestDatabase;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ app, db, close } = await startLifecycle({ clock, env: { LIFECYCLE_SCHEDULE_POLL_MS: '50' } }));
    await withOrg(db.dataSource, org, async (m) => {
      const projection = new ProjectionRepository();
      await projection.upsertSites(m, org, [{ siteId: 'lagos', parentId: null, timezone: 'Africa/Lagos' }]);
      await projection.upsertDevice(
        m,
        org,
        {
          deviceId: 'door-1',
          name: 'Door 1',
          serial: 'SN-1',
          siteId: 'lagos',
          sitePath: ['lagos'],
          ownerTeam: null,
          tags: [],
          type: 'access-controller',
          vendor: 'HID',
          model: 'VertX',
          firmwareVersion: null,
          installDate: '2019-03-10',
          warrantyEnd: null,
          cost: 1200,
          failed: false,
        },
        clock.now(),
      );
      await new ReplacementPolicyRepository().put(
        m,
        org,
        replacementPolicyInputSchema.parse({ kind: 'age', ageYears: 7, leadDays: 0 }),
      );
    });
    // As an event would: the organisation is evaluated (by the service's own EvaluationService) and scheduled.
    await app.get(EvaluationService).reevaluate(org);
  }, 60_000);

  afterAll(() => close());

  const itemsOf = () => withOrg(db.dataSource, org, (m) => m.query(`SELECT reason, state FROM replacement_item`));

  it('replaces a device on the day it reaches its age limit, found by the poll at the local midnight', async () => {
    expect(await itemsOf()).toEqual([]);
    clock.set('2026-03-09T23:00:05Z'); // 00:00:05 on 10 March in Lagos: seven years since installation
    await expectEventually(async () => expect(await itemsOf()).toEqual([{ reason: 'age', state: 'proposed' }]), {
      timeoutMs: 10_000,
    });
    const [row] = await db.ownerDataSource.query(
      `SELECT runs, next_due_at FROM evaluation_schedule WHERE org_id = $1`,
      [org],
    );
    expect(row.runs).toBe(1);
    expect(new Date(row.next_due_at).toISOString()).toBe('2026-03-10T23:00:00.000Z');
    const metrics = await register.getSingleMetricAsString('fleetward_lifecycle_daily_runs_total');
    expect(metrics).toMatch(/fleetward_lifecycle_daily_runs_total\{outcome="ok"[^}]*\} [1-9]/);
    expect(await register.getSingleMetricAsString('fleetward_lifecycle_daily_last_run_timestamp_seconds')).toContain(
      `org="${org}"`,
    );
  }, 30_000);
});
