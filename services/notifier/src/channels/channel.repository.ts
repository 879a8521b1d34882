import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { rowsOf, type CursorPosition } from '@fleetward/platform';

export type ChannelType = 'email' | 'webhook' | 'slack' | 'teams';

export interface ChannelRow {
  id: string;
  org_id: string;
  name: string;
  type: ChannelType;
  target: string;
  secrets: string[];
  enabled: boolean;
  disabled_reason: string | null;
  created_at: Date;
  updated_at: Date;
}

export class ChannelRepository {
  constructor(private readonly schema: string) {}

  private get t() {
    return `"${this.schema}".channel`;
  }

  async insert(m: EntityManager, orgId: string, c: { name: string; type: ChannelType; target: string; enabled: boolean; secrets: string[] }): Promise<ChannelRow> {
    const rows: ChannelRow[] = await m.query(
      `INSERT INTO ${this.t} (id, org_id, name, type, target, enabled, secrets) VALUES ($1,$2,$3,$4,$5,$6,$7) RETURNING *`,
      [randomUUID(), orgId, c.name, c.type, c.target, c.enabled, c.secrets],
    );
    return rows[0]!;
  }

  async get(m: EntityManager, orgId: string, id: string): Promise<ChannelRow | null> {
    const rows: ChannelRow[] = await m.query(`SELECT * FROM ${this.t} WHERE org_id = $1 AND id = $2`, [orgId, id]);
    return rows[0] ?? null;
  }

  async byIds(m: EntityManager, orgId: string, ids: string[]): Promise<ChannelRow[]> {
    return m.query(`SELECT * FROM ${this.t} WHERE org_id = $1 AND id = ANY($2) ORDER BY name`, [orgId, ids]);
  }

  async list(m: EntityManager, orgId: string, after: CursorPosition | null, limit: number): Promise<ChannelRow[]> {
    return m.query(
      `SELECT * FROM ${this.t} WHERE org_id = $1 AND ($2::text IS NULL OR (name, id::text) > ($2, $3)) ORDER BY name, id::text LIMIT $4`,
      [orgId, after?.[0] ?? null, after?.[1] ?? null, limit + 1],
    );
  }

  async update(m: EntityManager, orgId: string, id: string, p: { name?: string; target?: string; enabled?: boolean }): Promise<ChannelRow | null> {
    const rows: ChannelRow[] = rowsOf(await m.query(
      `UPDATE ${this.t} SET name = COALESCE($3, name), target = COALESCE($4, target), enabled = COALESCE($5, enabled),
         disabled_reason = CASE WHEN $5 IS TRUE THEN NULL ELSE disabled_reason END, updated_at = now()
       WHERE org_id = $1 AND id = $2 RETURNING *`,
      [orgId, id, p.name ?? null, p.target ?? null, p.enabled ?? null],
    ));
    return rows[0] ?? null;
  }

  async setSecrets(m: EntityManager, orgId: string, id: string, secrets: string[]): Promise<ChannelRow | null> {
    const rows: ChannelRow[] = rowsOf(await m.query(
      `UPDATE ${this.t} SET secrets = $3, updated_at = now() WHERE org_id = $1 AND id = $2 RETURNING *`,
      [orgId, id, secrets],
    ));
    return rows[0] ?? null;
  }

  async disable(m: EntityManager, orgId: string, id: string, reason: string): Promise<void> {
    await m.query(`UPDATE ${this.t} SET enabled = false, disabled_reason = $3, updated_at = now() WHERE org_id = $1 AND id = $2`, [
      orgId, id, reason,
    ]);
  }

  async delete(m: EntityManager, orgId: string, id: string): Promise<boolean> {
    const [, n] = (await m.query(`DELETE FROM ${this.t} WHERE org_id = $1 AND id = $2`, [orgId, id])) as [unknown, number];
    return n > 0;
  }

  async allowedHosts(m: EntityManager, orgId: string): Promise<Array<{ host: string; created_by: string; created_at: Date }>> {
    return m.query(`SELECT host, created_by, created_at FROM "${this.schema}".allowed_host WHERE org_id = $1 ORDER BY host`, [orgId]);
  }

  async addAllowedHost(m: EntityManager, orgId: string, host: string, by: string): Promise<{ host: string; created_by: string; created_at: Date }> {
    const rows = await m.query(
      `INSERT INTO "${this.schema}".allowed_host (org_id, host, created_by) VALUES ($1,$2,$3)
       ON CONFLICT (org_id, host) DO UPDATE SET host = EXCLUDED.host RETURNING host, created_by, created_at`,
      [orgId, host, by],
    );
    return rows[0];
  }

  async removeAllowedHost(m: EntityManager, orgId: string, host: string): Promise<boolean> {
    const [, n] = (await m.query(`DELETE FROM "${this.schema}".allowed_host WHERE org_id = $1 AND host = $2`, [orgId, host])) as [unknown, number];
    return n > 0;
  }
}
