import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { quoteIdent, schemaOfManager } from '../outbox/outbox-sql.js';

/**
 * Exactly-once effects on top of at-least-once delivery: record (consumer, event id) in the same transaction as the
 * event's side effects. A concurrent duplicate blocks on the primary key until the first transaction ends, then sees
 * the row, so two deliveries can never both apply.
 *
 * Usable statically (`Inbox.once(manager, ...)`) or injected.
 */
@Injectable()
export class Inbox {
  /** True the first time `consumer` sees `eventId` (the caller applies it); false for a repeat (skip it). */
  static async once(manager: EntityManager, consumer: string, eventId: string): Promise<boolean> {
    const fresh = await Inbox.claim(manager, consumer, [eventId]);
    return fresh.has(eventId.toLowerCase());
  }

  /** Batch form for hot paths: one statement, returns the ids (lower-case) seen for the first time. */
  static async claim(manager: EntityManager, consumer: string, eventIds: readonly string[]): Promise<Set<string>> {
    if (eventIds.length === 0) return new Set();
    const table = `${quoteIdent(schemaOfManager(manager))}.inbox`;
    const rows: Array<{ event_id: string }> = await manager.query(
      `INSERT INTO ${table} (consumer, event_id)
       SELECT $1, id FROM unnest($2::uuid[]) AS id
       ON CONFLICT DO NOTHING
       RETURNING event_id`,
      [consumer, eventIds],
    );
    return new Set(rows.map((r) => r.event_id));
  }

  once(manager: EntityManager, consumer: string, eventId: string): Promise<boolean> {
    return Inbox.once(manager, consumer, eventId);
  }

  claim(manager: EntityManager, consumer: string, eventIds: readonly string[]): Promise<Set<string>> {
    return Inbox.claim(manager, consumer, eventIds);
  }
}
