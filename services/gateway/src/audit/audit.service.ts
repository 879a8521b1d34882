import { Injectable, Logger } from '@nestjs/common';
import type { AuditQuery, Caller } from '@fleetward/contracts';
import { AuditRepository, type NewAuditEntry } from './audit.repository.js';

/** Organisation for rows about credentials that named none (a malformed key, an unknown JWT issuer). */
export const UNKNOWN_ORG = '_unknown';

/**
 * The append-only audit log. Other gateway modules record through `record`; every write through the gateway and
 * every authentication failure is recorded by the auth guard and the audit interceptor already.
 */
@Injectable()
export class AuditService {
  private readonly logger = new Logger(AuditService.name);

  constructor(private readonly audit: AuditRepository) {}

  /** Writes one row. An audit row that cannot be written fails the request: an unaudited write must not succeed quietly. */
  async record(entry: NewAuditEntry): Promise<void> {
    await this.audit.insert(entry);
  }

  /** For paths where the request is already refused: a failing audit write is logged, not thrown over the refusal. */
  async recordQuietly(entry: NewAuditEntry): Promise<void> {
    await this.audit.insert(entry).catch((err: unknown) => {
      this.logger.error(`audit write failed for ${entry.action}: ${err instanceof Error ? err.message : String(err)}`);
    });
  }

  list(caller: Caller, query: AuditQuery) {
    return this.audit.list(caller.orgId, query);
  }
}
