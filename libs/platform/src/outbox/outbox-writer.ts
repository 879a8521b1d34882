import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventEnvelope } from '@fleetward/contracts';
import { toOutgoingMessage } from '../messaging/outgoing-message.js';
import { OutboxError } from './outbox.error.js';
import { quoteIdent, schemaOfManager } from './outbox-sql.js';

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
      throw new OutboxError(
        'OUTBOX_NEEDS_TRANSACTION',
        'OutboxWriter.add needs the EntityManager of an open transaction',
      );
    }
    const table = `${quoteIdent(schemaOfManager(manager))}.outbox`;
    const messages = list.map(toOutgoingMessage);
    // Four array parameters instead of four per row: one short statement to parse and bind, whatever the count.
    await manager.query(
      `INSERT INTO ${table} (id, subject, payload, headers)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::jsonb[], $4::jsonb[])`,
      [
        messages.map((m) => m.id),
        messages.map((m) => m.subject),
        messages.map((m) => m.payload),
        messages.map((m) => JSON.stringify(m.headers)),
      ],
    );
  }

  add(manager: EntityManager, envelopes: EventEnvelope | readonly EventEnvelope[]): Promise<void> {
    return OutboxWriter.add(manager, envelopes);
  }
}
