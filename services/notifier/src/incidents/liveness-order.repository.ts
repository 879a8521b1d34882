import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventEnvelope } from '@fleetward/contracts';

/** Which transitions come in pairs, and what they are about. */
const pairs: Record<string, { pair: string; subject: (data: Record<string, unknown>) => string }> = {
  'device.offline': { pair: 'offline', subject: (d) => `device:${String(d['deviceId'])}` },
  'device.online': { pair: 'offline', subject: (d) => `device:${String(d['deviceId'])}` },
  'device.degraded': { pair: 'degraded', subject: (d) => `device:${String(d['deviceId'])}` },
  'device.restored': { pair: 'degraded', subject: (d) => `device:${String(d['deviceId'])}` },
  'site.unreachable': { pair: 'site', subject: (d) => `site:${String(d['siteId'])}` },
  'site.recovered': { pair: 'site', subject: (d) => `site:${String(d['siteId'])}` },
};

/**
 * Liveness transitions applied in the order they happened, whatever order they arrive in (two replicas, a
 * redelivery after a crash): a transition older than the newest one already applied for its subject is stale.
 */
@Injectable()
export class LivenessOrderRepository {
  /** Records `e` as the newest of its pair and subject; false when a newer (or as new) transition was applied. */
  async isNewest(m: EntityManager, e: EventEnvelope): Promise<boolean> {
    const kind = pairs[e.type];
    if (!kind || !e.orgId) return true;
    const rows = (await m.query(
      `INSERT INTO liveness_order (org_id, subject_key, pair, last_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (org_id, subject_key, pair) DO UPDATE SET last_at = EXCLUDED.last_at
       WHERE liveness_order.last_at < EXCLUDED.last_at
       RETURNING 1`,
      [e.orgId, kind.subject(e.data as Record<string, unknown>), kind.pair, e.occurredAt],
    )) as unknown[];
    return rows.length === 1;
  }
}
