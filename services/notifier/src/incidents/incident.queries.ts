import type { EntityManager } from 'typeorm';
import type { z } from 'zod';
import type { incidentFilterSchema } from '@fleetward/contracts';
import type { CursorPosition } from '@fleetward/platform';
import type { IncidentRow } from './incident.row.js';

type Filter = z.output<typeof incidentFilterSchema>;

/**
 * Read side of incidents for the API: filtered, newest first, keyset-paged on (opened_at, id). A device's incidents
 * include the lifecycle groups it is counted in.
 */
export class IncidentQueries {
  constructor(private readonly schema: string) {}

  async list(m: EntityManager, orgId: string, f: Filter, after: CursorPosition | null, limit: number): Promise<IncidentRow[]> {
    const status = f.status === 'active' ? ['open', 'acknowledged'] : f.status ? [f.status] : null;
    return m.query(
      `SELECT * FROM "${this.schema}".incident
       WHERE org_id = $1 AND ($2::text[] IS NULL OR status = ANY($2)) AND ($3::text IS NULL OR kind = $3)
         AND ($4::text IS NULL OR severity = $4) AND ($5::text IS NULL OR $5 = ANY(site_path))
         AND ($6::text IS NULL OR device_id = $6 OR EXISTS (
           SELECT 1 FROM "${this.schema}".incident_member mb WHERE mb.incident_id = incident.id AND mb.device_id = $6))
         AND ($7::timestamptz IS NULL OR (opened_at, id::text) < ($7::timestamptz, $8::text))
       ORDER BY opened_at DESC, id::text DESC LIMIT $9`,
      [orgId, status, f.kind ?? null, f.severity ?? null, f.siteId ?? null, f.deviceId ?? null, after?.[0] ?? null, after?.[1] ?? null, limit + 1],
    );
  }
}
