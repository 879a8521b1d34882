import { rowsOf } from '@fleetward/platform';
import { Injectable } from '@nestjs/common';
import type { OrgSettings } from '@fleetward/contracts';
import type { EntityManager } from 'typeorm';

interface Row {
  org_id: string;
  timezone: string;
  heartbeat_defaults: OrgSettings['heartbeatDefaults'];
  warranty_lead_days: number[];
}

const toSettings = (r: Row): OrgSettings => ({
  orgId: r.org_id,
  timezone: r.timezone,
  heartbeatDefaults: r.heartbeat_defaults,
  warrantyLeadDays: r.warranty_lead_days,
});

@Injectable()
export class OrgSettingsRepository {
  /** The organisation's settings, created with the defaults the first time the organisation is seen. */
  async getOrCreate(m: EntityManager, orgId: string): Promise<OrgSettings> {
    const found: Row[] = await m.query(`SELECT * FROM org_settings WHERE org_id = $1`, [orgId]);
    if (found[0]) return toSettings(found[0]);
    await m.query(`INSERT INTO org_directory (org_id) VALUES ($1) ON CONFLICT (org_id) DO NOTHING`, [orgId]);
    await m.query(`INSERT INTO org_settings (org_id) VALUES ($1) ON CONFLICT (org_id) DO NOTHING`, [orgId]);
    const rows: Row[] = await m.query(`SELECT * FROM org_settings WHERE org_id = $1`, [orgId]);
    return toSettings(rows[0]!);
  }

  async save(m: EntityManager, s: OrgSettings): Promise<OrgSettings> {
    const rows = rowsOf<Row>(
      await m.query(
        `UPDATE org_settings SET timezone = $2, heartbeat_defaults = $3::jsonb, warranty_lead_days = $4::int[], updated_at = now()
       WHERE org_id = $1 RETURNING *`,
        [s.orgId, s.timezone, JSON.stringify(s.heartbeatDefaults), s.warrantyLeadDays],
      ),
    );
    return toSettings(rows[0]!);
  }

  /** Organisations known to the inventory, for fleet-wide work done per organisation. */
  async orgIds(m: EntityManager): Promise<string[]> {
    const rows: { org_id: string }[] = await m.query(`SELECT org_id FROM org_directory ORDER BY org_id`);
    return rows.map((r) => r.org_id);
  }
}
