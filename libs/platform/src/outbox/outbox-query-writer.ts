import type { EntityManager } from 'typeorm';
import type { EventDefinition } from '@fleetward/contracts';
import { subjectOf } from '../messaging/event-subject.js';
import { MessageHeaders } from '../messaging/headers.js';
import { rowsOf } from '../database/rows-of.js';
import { OutboxError } from './outbox.error.js';
import { quoteIdent, schemaOfManager } from './outbox-sql.js';

/** One event per row of a query, its data built in SQL (see `OutboxQueryWriter.add`). */
export interface QueryEvents {
  /**
   * The event's `data` for one row of `from`, as a SELECT list: each column's alias is a field name (double-quote
   * camelCase ones: `d.site_id AS "siteId"`); a nested object is a sub-select turned into jsonb by the caller.
   */
  data: string;
  /** The rows: `<tables> [WHERE ...]`, without the keyword FROM. */
  from: string;
  /**
   * Optional WITH list (without the keyword) that `from` may read, e.g. `ins AS (INSERT INTO ... RETURNING *)`: the
   * rows and their events are then written by one statement, and the new rows are never read back.
   */
  with?: string;
  /** Values of the `$1..$n` placeholders in `data` and `from`. */
  params?: unknown[];
  orgId: string | null;
  source: string;
  /** Shared by all the events; when absent each event's correlation id is its own id (like `createEvent`). */
  correlationId?: string;
  occurredAt?: Date;
}

/** Written envelopes checked against the definition's schema in the same transaction (spread over the batch). */
const SAMPLE = 50;

/**
 * Bulk outbox writes for events counted in tens of thousands (an import): one `INSERT ... SELECT` builds every envelope
 * in Postgres (`to_jsonb` of a row: ~15x cheaper per row than `jsonb_build_object` in Postgres 15) instead of building, validating and sending each from Node, which cost more
 * than the import's own work. The rows are the ones `OutboxWriter.add` writes (id = `Nats-Msg-Id`, subject, payload,
 * correlation header), so the relay publishes them unchanged. The envelope shape is fixed here; the caller owns the
 * SQL of `data` and must test that it matches the event's schema. A sample of the written envelopes is validated
 * with `def.envelope` before returning; a mismatch throws, which rolls the caller's transaction back.
 */
export const OutboxQueryWriter = {
  async add(manager: EntityManager, def: EventDefinition, events: QueryEvents): Promise<number> {
    if (!manager.queryRunner?.isTransactionActive) {
      throw new OutboxError(
        'OUTBOX_NEEDS_TRANSACTION',
        'OutboxQueryWriter.add needs the EntityManager of an open transaction',
      );
    }
    const orgId = def.scope === 'catalog' ? null : events.orgId;
    const table = `${quoteIdent(schemaOfManager(manager))}.outbox`;
    const params = [...(events.params ?? [])];
    const p = (v: unknown) => `$${params.push(v)}`;
    const subject = p(subjectOf({ orgId, type: def.type, version: def.version }));
    const header = quoteIdent(MessageHeaders.correlationId);
    // Sub-selects, not CTEs (a CTE with a volatile function is materialised; these stream). `r` is not flattened into
    // `e` because of gen_random_uuid(), so each row gets one id, used as event id and default correlation id.
    const ids = rowsOf<{ id: string }>(
      await manager.query(
        `${events.with ? `WITH ${events.with} ` : ''}INSERT INTO ${table} (id, subject, payload, headers)
         SELECT e.id, ${subject}, to_jsonb(e), to_jsonb(h)
         FROM (SELECT r.id, ${p(def.type)}::text AS type, ${p(def.version)}::int AS version,
                 ${p((events.occurredAt ?? new Date()).toISOString())}::text AS "occurredAt", ${p(orgId)}::text AS "orgId",
                 coalesce(${p(events.correlationId ?? null)}::text, r.id::text) AS "correlationId",
                 ${p(events.source)}::text AS source, r.data
               FROM (SELECT gen_random_uuid() AS id, x AS data FROM (SELECT ${events.data} FROM ${events.from}) x) r) e,
           LATERAL (SELECT e."correlationId" AS ${header}) h
         RETURNING id`,
        params,
      ),
    );
    await checkSample(manager, table, def, ids);
    return ids.length;
  },
};

async function checkSample(manager: EntityManager, table: string, def: EventDefinition, ids: { id: string }[]) {
  if (ids.length === 0) return;
  const step = Math.max(1, Math.floor(ids.length / SAMPLE));
  const sample = ids.filter((_, i) => i % step === 0).map((r) => r.id);
  const rows: { payload: unknown }[] = await manager.query(`SELECT payload FROM ${table} WHERE id = ANY($1::uuid[])`, [
    sample,
  ]);
  for (const { payload } of rows) {
    const parsed = def.envelope.safeParse(typeof payload === 'string' ? JSON.parse(payload) : payload);
    if (!parsed.success) {
      throw new OutboxError(
        'OUTBOX_INVALID_EVENT',
        `bulk ${def.type} envelope does not match its schema: ${parsed.error.message}`,
      );
    }
  }
}
