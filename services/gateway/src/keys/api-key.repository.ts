import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { returned } from '../common/returning.js';
import type { ApiKey, Role } from '@fleetward/contracts';
import { decodeCursor, pageFrom, withOrg } from '@fleetward/platform';

interface KeyRow {
  id: string;
  org_id: string;
  name: string;
  role: Role;
  prefix: string;
  secret_hash: string;
  created_by: string;
  created_at: Date;
  expires_at: Date | null;
  revoked_at: Date | null;
  last_used_at: Date | null;
  /** created_at at full (microsecond) precision, for the keyset cursor. */
  pos?: string;
}

const POS = `to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS pos`;

/** What authentication needs to know about a key. */
export interface StoredKey {
  id: string;
  orgId: string;
  role: Role;
  prefix: string;
  secretHash: string;
  expiresAt: Date | null;
  revokedAt: Date | null;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function toApiKey(r: KeyRow): ApiKey {
  return {
    id: r.id,
    name: r.name,
    role: r.role,
    prefix: r.prefix,
    createdBy: r.created_by,
    createdAt: r.created_at.toISOString(),
    expiresAt: iso(r.expires_at),
    revokedAt: iso(r.revoked_at),
    lastUsedAt: iso(r.last_used_at),
  };
}

export interface NewKeyRow {
  id: string;
  orgId: string;
  name: string;
  role: Role;
  prefix: string;
  secretHash: string;
  createdBy: string;
  expiresAt: string | null;
}

@Injectable()
export class ApiKeyRepository {
  constructor(private readonly dataSource: DataSource) {}

  insert(k: NewKeyRow): Promise<ApiKey> {
    return withOrg(this.dataSource, k.orgId, async (m) => {
      const rows: KeyRow[] = await m.query(
        `INSERT INTO api_key (id, org_id, name, role, prefix, secret_hash, created_by, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING *`,
        [k.id, k.orgId, k.name, k.role, k.prefix, k.secretHash, k.createdBy, k.expiresAt],
      );
      return toApiKey(rows[0]!);
    });
  }

  findForAuth(orgId: string, keyId: string): Promise<StoredKey | null> {
    return withOrg(this.dataSource, orgId, async (m) => {
      const rows: KeyRow[] = await m.query('SELECT * FROM api_key WHERE id = $1', [keyId]);
      const r = rows[0];
      if (!r) return null;
      return {
        id: r.id,
        orgId: r.org_id,
        role: r.role,
        prefix: r.prefix,
        secretHash: r.secret_hash,
        expiresAt: r.expires_at,
        revokedAt: r.revoked_at,
      };
    });
  }

  get(orgId: string, id: string): Promise<ApiKey | null> {
    return withOrg(this.dataSource, orgId, async (m) => {
      const rows: KeyRow[] = await m.query('SELECT * FROM api_key WHERE id = $1', [id]);
      return rows[0] ? toApiKey(rows[0]) : null;
    });
  }

  list(orgId: string, limit: number, cursor?: string) {
    const after = decodeCursor(cursor, 2);
    return withOrg(this.dataSource, orgId, async (m) => {
      const rows: KeyRow[] = after
        ? await m.query(
            `SELECT *, ${POS} FROM api_key WHERE (created_at, id) < ($1::timestamptz, $2) ORDER BY created_at DESC, id DESC LIMIT $3`,
            [after[0], after[1], limit + 1],
          )
        : await m.query(`SELECT *, ${POS} FROM api_key ORDER BY created_at DESC, id DESC LIMIT $1`, [limit + 1]);
      return pageFrom(rows, limit, toApiKey, (r) => [r.pos!, r.id]);
    });
  }

  /** Marks the key revoked (idempotent: the first revocation time stays). */
  revoke(orgId: string, id: string): Promise<ApiKey | null> {
    return withOrg(this.dataSource, orgId, async (m) => {
      const rows = returned<KeyRow>(
        await m.query('UPDATE api_key SET revoked_at = coalesce(revoked_at, now()) WHERE id = $1 RETURNING *', [id]),
      );
      return rows[0] ? toApiKey(rows[0]) : null;
    });
  }

  touch(orgId: string, id: string, at: Date): Promise<void> {
    return withOrg(this.dataSource, orgId, async (m) => {
      await m.query('UPDATE api_key SET last_used_at = greatest(last_used_at, $2) WHERE id = $1', [id, at]);
    });
  }
}
