import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createEvent, firmwareReleasedV1, type EventEnvelope } from '@fleetward/contracts';
import { OutboxWriter } from '@fleetward/platform';
import type { DataSource } from 'typeorm';
import { CatalogRepository } from './catalog.repository.js';
import type { FirmwareReleaseInput, ModelSupportInput } from './firmware-release.schema.js';

export interface ImportResult {
  created: number;
  updated: number;
  skipped: Array<{ version: string; reason: string }>;
}

/**
 * The global firmware catalog. An import is one transaction: releases, their positions, and one firmware.released
 * per release seen for the first time (through the outbox), so a re-imported feed announces nothing twice.
 */
@Injectable()
export class CatalogService {
  private readonly logger = new Logger(CatalogService.name);
  private readonly repo = new CatalogRepository();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async importReleases(releases: readonly FirmwareReleaseInput[], correlationId?: string): Promise<ImportResult> {
    const result: ImportResult = { created: 0, updated: 0, skipped: [] };
    await this.dataSource.transaction(async (m) => {
      const events: EventEnvelope[] = [];
      for (const r of releases) {
        const saved = await this.repo.upsertRelease(m, r);
        if (!saved) {
          result.skipped.push({ version: r.version, reason: 'VERSION_WITHOUT_NUMBER' });
          continue;
        }
        if (!saved.created) {
          result.updated++;
          continue;
        }
        result.created++;
        events.push(
          createEvent(firmwareReleasedV1, {
            orgId: null,
            source: 'lifecycle',
            correlationId,
            data: {
              releaseId: saved.id,
              vendor: r.vendor,
              models: r.models,
              version: r.version,
              releaseDate: r.releaseDate,
              track: r.track,
              securityFixes: r.cves.map((c) => ({ cve: c.id, severity: c.severity })),
              endOfSupport: r.lineEndOfSupport ?? null,
              releaseNotesUrl: r.releaseNotesUrl ?? null,
            },
          }),
        );
      }
      await this.repo.rebuildPositions(m);
      await OutboxWriter.add(m, events);
    });
    this.logger.log(
      `catalog import: ${result.created} new, ${result.updated} updated, ${result.skipped.length} skipped`,
    );
    return result;
  }

  async setModelSupport(list: readonly ModelSupportInput[]): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      for (const s of list) await this.repo.upsertModelSupport(m, s);
    });
  }

  listReleases(filter: { vendor?: string; model?: string; limit: number; offset: number }) {
    return this.repo.list(this.dataSource.manager, filter);
  }
}
