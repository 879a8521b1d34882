import type { CveSeverity } from '@fleetward/contracts';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { versionKey, versionLine } from '../firmware/version-key.js';
import { nameKey } from '../projection/projection.types.js';
import type { FirmwareReleaseInput, ModelSupportInput } from './firmware-release.schema.js';
import { REBUILD_FIRMWARE_POSITION } from './firmware-position.sql.js';

export interface UpsertedRelease {
  id: string;
  created: boolean;
  input: FirmwareReleaseInput;
}

/** The global firmware catalog (no organisation): releases, their models and CVEs, model end of support. */
export class CatalogRepository {
  /** Inserts or updates one release; `created` is true only the first time (vendor, version) is seen. */
  async upsertRelease(m: EntityManager, r: FirmwareReleaseInput): Promise<UpsertedRelease | null> {
    const key = versionKey(r.version);
    if (!key) return null;
    const [row]: Array<{ id: string; created: boolean }> = await m.query(
      `INSERT INTO firmware_release (id, vendor, vendor_key, version, version_key, line, track, release_date,
         line_end_of_support, notes_url)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       ON CONFLICT (vendor_key, version_key) DO UPDATE SET version = EXCLUDED.version, line = EXCLUDED.line,
         track = EXCLUDED.track, release_date = EXCLUDED.release_date,
         line_end_of_support = EXCLUDED.line_end_of_support, notes_url = EXCLUDED.notes_url, updated_at = now()
       RETURNING id, (xmax = 0) AS created`,
      [
        randomUUID(),
        r.vendor,
        nameKey(r.vendor),
        r.version,
        key,
        r.line ?? versionLine(r.version),
        r.track,
        r.releaseDate,
        r.lineEndOfSupport ?? null,
        r.releaseNotesUrl ?? null,
      ],
    );
    const id = row!.id;
    await m.query(
      `INSERT INTO firmware_release_model (release_id, vendor_key, model_key, model)
       SELECT $1, $2, k, x FROM unnest($3::text[], $4::text[]) AS t(k, x)
       ON CONFLICT DO NOTHING`,
      [id, nameKey(r.vendor), r.models.map(nameKey), r.models],
    );
    await m.query(
      `INSERT INTO firmware_cve (release_id, cve_id, severity)
       SELECT $1, c->>'id', c->>'severity' FROM jsonb_array_elements($2::jsonb) c
       ON CONFLICT (release_id, cve_id) DO UPDATE SET severity = EXCLUDED.severity`,
      [id, JSON.stringify(r.cves)],
    );
    return { id, created: row!.created, input: r };
  }

  async upsertModelSupport(m: EntityManager, s: ModelSupportInput): Promise<void> {
    await m.query(
      `INSERT INTO firmware_model_support (vendor_key, model_key, end_of_support) VALUES ($1, $2, $3)
       ON CONFLICT (vendor_key, model_key) DO UPDATE SET end_of_support = EXCLUDED.end_of_support`,
      [nameKey(s.vendor), nameKey(s.model), s.endOfSupport],
    );
  }

  /** Recomputes the per-model positions after catalog changes (whole table: the catalog is small). */
  async rebuildPositions(m: EntityManager): Promise<void> {
    await m.query(`DELETE FROM firmware_position`);
    await m.query(REBUILD_FIRMWARE_POSITION);
  }

  /** Releases newest first, with models and CVEs, optionally for one vendor and model (case-insensitive). */
  async list(
    m: EntityManager,
    f: { vendor?: string; model?: string; limit: number; offset: number },
  ): Promise<CatalogRelease[]> {
    const rows: CatalogRelease[] = await m.query(
      `SELECT r.id, r.vendor, r.version, r.line, r.track, r.release_date::text AS "releaseDate",
              r.line_end_of_support::text AS "lineEndOfSupport", r.notes_url AS "releaseNotesUrl",
              (SELECT array_agg(x.model ORDER BY x.model) FROM firmware_release_model x WHERE x.release_id = r.id) AS models,
              coalesce((SELECT json_agg(json_build_object('id', c.cve_id, 'severity', c.severity) ORDER BY c.cve_id)
                        FROM firmware_cve c WHERE c.release_id = r.id), '[]') AS cves
       FROM firmware_release r
       WHERE ($1::text IS NULL OR r.vendor_key = $1)
         AND ($2::text IS NULL OR EXISTS (SELECT 1 FROM firmware_release_model x WHERE x.release_id = r.id AND x.model_key = $2))
       ORDER BY r.vendor_key, r.version_key DESC LIMIT $3 OFFSET $4`,
      [f.vendor ? nameKey(f.vendor) : null, f.model ? nameKey(f.model) : null, f.limit, f.offset],
    );
    return rows;
  }
}

export interface CatalogRelease {
  id: string;
  vendor: string;
  version: string;
  line: string;
  track: string;
  releaseDate: string;
  lineEndOfSupport: string | null;
  releaseNotesUrl: string | null;
  models: string[];
  cves: Array<{ id: string; severity: CveSeverity }>;
}
