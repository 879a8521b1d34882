import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

export interface NewNotice {
  device_id: string;
  kind: 'expiring' | 'expired';
  lead_days: number;
  warranty_end: string;
  event_id: string;
}

@Injectable()
export class WarrantyNoticeRepository {
  /**
   * Records every notice due on `today` (the organisation's calendar date) that was not recorded yet, and returns
   * those. Due: `expired` once the end date is reached; otherwise `expiring` for the smallest lead whose window the
   * device is in (days left <= lead), so a notice missed while the service was down is caught up as long as its
   * window lasts, and a superseded one is not sent late. The unique key (device, kind, lead, end) makes each notice
   * exactly-once, also across replicas; a changed end date is a new plan. At most `limit` are recorded per call (the
   * caller commits them with their events and asks again), so a first sweep over a large fleet is many short
   * transactions, not one that builds hundreds of thousands of events.
   */
  async recordDue(
    m: EntityManager,
    orgId: string,
    today: string,
    leads: number[],
    limit: number,
  ): Promise<NewNotice[]> {
    const maxLead = Math.max(0, ...leads);
    return m.query(
      `WITH cand AS (
         SELECT d.id, d.warranty_end,
           CASE WHEN d.warranty_end <= $2::date THEN 0
                ELSE (SELECT min(l) FROM unnest($3::int[]) l WHERE d.warranty_end - $2::date <= l) END AS lead
         FROM device d
         WHERE d.org_id = $1 AND d.status <> 'decommissioned' AND d.warranty_end IS NOT NULL
           AND d.warranty_end <= $2::date + $4::int
       ), todo AS (
         SELECT c.id, c.warranty_end, c.lead, CASE WHEN c.lead = 0 THEN 'expired' ELSE 'expiring' END AS kind
         FROM cand c
         WHERE c.lead IS NOT NULL AND NOT EXISTS (
           SELECT 1 FROM warranty_notice n
           WHERE n.device_id = c.id AND n.kind = CASE WHEN c.lead = 0 THEN 'expired' ELSE 'expiring' END
             AND n.lead_days = c.lead AND n.warranty_end = c.warranty_end)
         LIMIT $5)
       INSERT INTO warranty_notice (id, org_id, device_id, kind, lead_days, warranty_end, due_on, event_id)
       SELECT gen_random_uuid(), $1, t.id, t.kind, t.lead, t.warranty_end, t.warranty_end - t.lead, gen_random_uuid()
       FROM todo t
       ON CONFLICT (device_id, kind, lead_days, warranty_end) DO NOTHING
       RETURNING device_id, kind, lead_days, warranty_end::text AS warranty_end, event_id`,
      [orgId, today, leads, maxLead, limit],
    );
  }
}
