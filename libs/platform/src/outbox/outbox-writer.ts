import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventEnvelope } from '@fleetward/contracts';
import { toOutgoingMessage } from '../messaging/outgoing-message.js';
import { OutboxError } from './outbox.error.js';
import { quoteIdent, schemaOfManager } from './outbox-sql.js';

/** Rows per INSERT: 4 parameters each, well under Postgres' 65535 parameter limit. */
const CHUNK = 2_000;

/**
 * Adds events to the outbox inside the caller's transaction: they exist if and only if the state change commits.
 * The table's trigger notifies the relays at commit. Usable statically (`OutboxWriter.add(manager, ...)`) or injected.
 */
@Injectable()
export class OutboxWriter {
  static async add(manager: EntityManager, envelopes: EventEnvelope | readonly EventEnvelope[]): Promise<void> {
    const list = Array.isArray(envelopes) ? (envelopes as readonly EventEnvelope[]) : [envelopes as EventEnvelope];
    if (list.length === 0) return;
    if (!manager.queryRunner?.isTransactionActive) {
      throw new OutboxError('OUTBOX_NEEDS_TRANSACTION', 'OutboxWriter.add needs the EntityManager of an open transaction');
    }
    const table = `${quoteIdent(schemaOfManager(manager))}.outbox`;
    for (let start = 0; start < list.length; start += CHUNK) {
      const params: string[] = [];
      const rows: string[] = [];
      for (const envelope of list.slice(start, start + CHUNK)) {
        const m = toOutgoingMessage(envelope);
        const p = params.length;
        rows.push(`($${p + 1}::uuid, $${p + 2}, $${p + 3}::jsonb, $${p + 4}::jsonb)`);
        params.push(m.id, m.subject, m.payload, JSON.stringify(m.headers));
      }
      await manager.query(`INSERT INTO ${table} (id, subject, payload, headers) VALUES ${rows.join(', ')}`, params);
    }
  }

  add(manager: EntityManager, envelopes: EventEnvelope | readonly EventEnvelope[]): Promise<void> {
    return OutboxWriter.add(manager, envelopes);
  }
}
