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

/** One attempt of one delivery and the delivery's state after it. */
export interface AttemptRecord extends Attempt {
  deliveryId: string;
  attemptNo: number;
  newStatus: Delivery['status'];
}

export interface SendContext {
  d: Pick<DeliveryRow, 'id' | 'status' | 'payload'>;
  channel: ChannelRow | null;
  hosts: string[];
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
   * Everything the attempts of these deliveries need, in one round trip: each delivery, its channel (null when
   * deleted) and the org's allow-listed hosts; null for an id that does not exist. The job id is the delivery id, so
   * no other worker sends the same delivery at the same time.
   */
  async loadForSend(m: EntityManager, orgId: string, ids: readonly string[]): Promise<Array<SendContext | null>> {
    const rows: Array<SendContext['d'] & { channel: ChannelRow | null; hosts: string[] }> = await m.query(
      `WITH h AS (SELECT ARRAY(SELECT host FROM "${this.schema}".allowed_host WHERE org_id = $1) AS hosts)
       SELECT d.id, d.status, d.payload, (SELECT to_jsonb(c) FROM "${this.schema}".channel c WHERE c.id = d.channel_id) AS channel, h.hosts
       FROM ${this.t} d, h WHERE d.org_id = $1 AND d.id = ANY($2::text[])`,
      [orgId, ids],
    );
    const byId = new Map(rows.map(({ channel, hosts, ...d }) => [d.id, { d, channel, hosts }]));
    return ids.map((id) => byId.get(id) ?? null);
  }

  /** The attempts and the deliveries' new states, in one statement. */
  async record(m: EntityManager, orgId: string, attempts: readonly AttemptRecord[]): Promise<void> {
    const col = <K extends keyof AttemptRecord>(k: K) => attempts.map((a) => a[k]);
    await m.query(
      `WITH a AS (
         SELECT * FROM unnest($2::text[], $3::int[], $4::text[], $5::int[], $6::text[], $7::int[], $8::text[])
           AS a(delivery_id, attempt, outcome, status_code, error, latency_ms, status)),
       ins AS (
         INSERT INTO "${this.schema}".delivery_attempt (org_id, delivery_id, attempt, outcome, status_code, error, latency_ms)
         SELECT $1, delivery_id, attempt, outcome, status_code, error, latency_ms FROM a)
       UPDATE ${this.t} d SET status = a.status, attempts = GREATEST(d.attempts, a.attempt), last_status = a.status_code,
         last_error = a.error, latency_ms = a.latency_ms, updated_at = now(),
         sent_at = CASE WHEN a.status = 'sent' THEN now() ELSE d.sent_at END
       FROM a WHERE d.org_id = $1 AND d.id = a.delivery_id`,
      [orgId, col('deliveryId'), col('attemptNo'), col('outcome'), col('status'), col('error'), col('latencyMs'), col('newStatus')],
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
