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
}
