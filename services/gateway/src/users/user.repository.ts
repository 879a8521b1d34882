import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { returned } from '../common/returning.js';
import type { Role, User, UserCreate, UserUpdate } from '@fleetward/contracts';
import { decodeCursor, pageFrom, withOrg } from '@fleetward/platform';

interface UserRow {
  id: string;
  subject: string;
  email: string | null;
  name: string | null;
  role: Role;
  created_at: Date;
  updated_at: Date;
  pos?: string;
}

const POS = `to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS pos`;

function toUser(r: UserRow): User {
  return {
    id: r.id,
    subject: r.subject,
    email: r.email,
    name: r.name,
    role: r.role,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  };
}

/** Unique-violation on (org_id, subject). */
export class DuplicateSubjectError extends Error {}

@Injectable()
export class UserRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(orgId: string, id: string, u: UserCreate): Promise<User> {
    try {
      return await withOrg(this.dataSource, orgId, async (m) => {
        const rows: UserRow[] = await m.query(
          'INSERT INTO app_user (id, org_id, subject, email, name, role) VALUES ($1, $2, $3, $4, $5, $6) RETURNING *',
          [id, orgId, u.subject, u.email ?? null, u.name ?? null, u.role],
        );
        return toUser(rows[0]!);
      });
    } catch (err) {
      if ((err as { code?: string }).code === '23505') throw new DuplicateSubjectError(u.subject);
      throw err;
    }
  }

  get(orgId: string, id: string): Promise<User | null> {
    return withOrg(this.dataSource, orgId, async (m) => {
      const rows: UserRow[] = await m.query('SELECT * FROM app_user WHERE id = $1', [id]);
      return rows[0] ? toUser(rows[0]) : null;
    });
  }

  findBySubject(orgId: string, subject: string): Promise<User | null> {
    return withOrg(this.dataSource, orgId, async (m) => {
      const rows: UserRow[] = await m.query('SELECT * FROM app_user WHERE subject = $1', [subject]);
      return rows[0] ? toUser(rows[0]) : null;
    });
  }

  list(orgId: string, limit: number, cursor?: string) {
    const after = decodeCursor(cursor, 2);
    return withOrg(this.dataSource, orgId, async (m) => {
      const rows: UserRow[] = after
        ? await m.query(
            `SELECT *, ${POS} FROM app_user WHERE (created_at, id) < ($1::timestamptz, $2) ORDER BY created_at DESC, id DESC LIMIT $3`,
            [after[0], after[1], limit + 1],
          )
        : await m.query(`SELECT *, ${POS} FROM app_user ORDER BY created_at DESC, id DESC LIMIT $1`, [limit + 1]);
      return pageFrom(rows, limit, toUser, (r) => [r.pos!, r.id]);
    });
  }

  update(orgId: string, id: string, patch: UserUpdate): Promise<User | null> {
    return withOrg(this.dataSource, orgId, async (m) => {
      const rows = returned<UserRow>(
        await m.query(
          `UPDATE app_user SET
           email = CASE WHEN $2 THEN $3 ELSE email END,
           name = CASE WHEN $4 THEN $5 ELSE name END,
           role = coalesce($6, role),
           updated_at = now()
         WHERE id = $1 RETURNING *`,
          [
            id,
            patch.email !== undefined,
            patch.email ?? null,
            patch.name !== undefined,
            patch.name ?? null,
            patch.role ?? null,
          ],
        ),
      );
      return rows[0] ? toUser(rows[0]) : null;
    });
  }

  delete(orgId: string, id: string): Promise<boolean> {
    return withOrg(this.dataSource, orgId, async (m) => {
      const rows = returned<{ id: string }>(await m.query('DELETE FROM app_user WHERE id = $1 RETURNING id', [id]));
      return rows.length > 0;
    });
  }
}
