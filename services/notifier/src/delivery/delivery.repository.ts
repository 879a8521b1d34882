import type { EntityManager } from 'typeorm';
import type { Delivery } from '@fleetward/contracts';
import type { CursorPosition } from '@fleetward/platform';
import type { Notification } from '../channels/notification.js';
import type { ChannelRow } from '../channels/channel.repository.js';

export interface DeliveryRow {
  id: string;
  org_id: string;
  channel_id: string;
  reason: string;
  incident_ids: string[];
  payload: Notification;
  status: Delivery['status'];
  attempts: number;
  last_status: number | null;
  last_error: string | null;
  latency_ms: number | null;
  created_at: Date;
  sent_at: Date | null;
  channel_name?: string;
  channel_type?: string;
}

export function toDelivery(r: DeliveryRow): Delivery {
  return {
    id: r.id,
    channelId: r.channel_id,
    channelName: r.channel_name ?? '',
    channelType: r.channel_type ?? '',
    reason: r.reason,
    incidentIds: r.incident_ids,
    status: r.status,
    attempts: r.attempts,
    lastStatus: r.last_status,
    lastError: r.last_error,
    latencyMs: r.latency_ms,
    createdAt: r.created_at.toISOString(),
    sentAt: r.sent_at ? r.sent_at.toISOString() : null,
  };
}

export interface Attempt {
  outcome: 'delivered' | 'retry' | 'permanent';
  status: number | null;
  error: string | null;
  latencyMs: number;
}

/** Deliveries (one message to one channel) and their attempts: the delivery log and the dead letters. */
export class DeliveryRepository {
  constructor(private readonly schema: string) {}

  private get t() {
    return `"${this.schema}".delivery`;
  }

  /** Idempotent on the deterministic id: a repeated flush creates nothing new. Returns the ids created now. */
  async create(m: EntityManager, orgId: string, items: Array<{ id: string; channelId: string; n: Notification }>): Promise<string[]> {
    const created: string[] = [];
    for (const d of items) {
      const rows = await m.query(
        `INSERT INTO ${this.t} (id, org_id, channel_id, reason, incident_ids, payload, status)
         VALUES ($1,$2,$3,$4,$5,$6,'pending') ON CONFLICT (id) DO NOTHING RETURNING id`,
        [d.id, orgId, d.channelId, d.n.reason, d.n.items.map((i) => i.incidentId), d.n],
      );
      if (rows.length) created.push(d.id);
    }
    return created;
  }

  /**
   * Everything one attempt needs, in one round trip: the delivery, its channel (null when deleted) and the org's
   * allow-listed hosts. The job id is the delivery id, so no other worker sends it at the same time.
   */
  async loadForSend(m: EntityManager, orgId: string, id: string): Promise<{ d: DeliveryRow; channel: ChannelRow | null; hosts: string[] } | null> {
    const rows: Array<DeliveryRow & { channel: ChannelRow | null; hosts: string[] }> = await m.query(
      `SELECT d.*, (SELECT to_jsonb(c) FROM "${this.schema}".channel c WHERE c.id = d.channel_id) AS channel,
         ARRAY(SELECT host FROM "${this.schema}".allowed_host h WHERE h.org_id = d.org_id) AS hosts
       FROM ${this.t} d WHERE d.org_id = $1 AND d.id = $2`,
      [orgId, id],
    );
    const row = rows[0];
    if (!row) return null;
    const { channel, hosts, ...d } = row;
    return { d, channel, hosts };
  }

  /** The attempt and the delivery's new state, in one statement. */
  async record(m: EntityManager, orgId: string, id: string, attemptNo: number, a: Attempt, status: Delivery['status']): Promise<void> {
    await m.query(
      `WITH attempt AS (
         INSERT INTO "${this.schema}".delivery_attempt (org_id, delivery_id, attempt, outcome, status_code, error, latency_ms)
         VALUES ($1,$2,$4,$8,$5,$6,$7))
       UPDATE ${this.t} SET status = $3, attempts = GREATEST(attempts, $4), last_status = $5, last_error = $6,
         latency_ms = $7, updated_at = now(), sent_at = CASE WHEN $3 = 'sent' THEN now() ELSE sent_at END
       WHERE org_id = $1 AND id = $2`,
      [orgId, id, status, attemptNo, a.status, a.error, a.latencyMs, a.outcome],
    );
  }

  async markDead(m: EntityManager, orgId: string, id: string, error: string): Promise<void> {
    await m.query(`UPDATE ${this.t} SET status = 'dead', last_error = $3, updated_at = now() WHERE org_id = $1 AND id = $2 AND status = 'pending'`, [
      orgId, id, error,
    ]);
  }

  async list(
    m: EntityManager,
    orgId: string,
    f: { incidentId?: string; channelId?: string; status?: string },
    after: CursorPosition | null,
    limit: number,
  ): Promise<DeliveryRow[]> {
    return m.query(
      `SELECT d.*, c.name AS channel_name, c.type AS channel_type FROM ${this.t} d JOIN "${this.schema}".channel c ON c.id = d.channel_id
       WHERE d.org_id = $1 AND ($2::uuid IS NULL OR $2::uuid = ANY(d.incident_ids)) AND ($3::uuid IS NULL OR d.channel_id = $3)
         AND ($4::text IS NULL OR d.status = $4)
         AND ($5::timestamptz IS NULL OR (d.created_at, d.id) < ($5::timestamptz, $6::text))
       ORDER BY d.created_at DESC, d.id DESC LIMIT $7`,
      [orgId, f.incidentId ?? null, f.channelId ?? null, f.status ?? null, after?.[0] ?? null, after?.[1] ?? null, limit + 1],
    );
  }
}
