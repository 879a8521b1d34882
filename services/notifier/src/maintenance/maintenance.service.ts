import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { z } from 'zod';
import type { maintenanceWindowCreateSchema, maintenanceWindowSchema } from '@fleetward/contracts';
import { DomainError, decodeCursor, pageFrom } from '@fleetward/platform';
import type { IncidentRow } from '../incidents/incident.row.js';
import type { PlannedJob } from '../delivery/notifier-jobs.js';
import { occurrenceAt } from './maintenance-schedule.js';
import { MaintenanceRepository, scheduleOf, type WindowRow } from './maintenance.repository.js';
import { SiteProjection } from './site.projection.js';

type WindowView = z.infer<typeof maintenanceWindowSchema>;

@Injectable()
export class MaintenanceService {
  constructor(
    private readonly windows: MaintenanceRepository,
    private readonly sites: SiteProjection,
  ) {}

  /**
   * When the incident's device or one of its sites is in maintenance now: the incident is held (no notification)
   * and a digest is owed at the end of the occurrence. Returns the digest jobs to enqueue, or null when not held.
   */
  async hold(m: EntityManager, incident: IncidentRow, now: Date): Promise<PlannedJob[] | null> {
    const candidates = await this.windows.forTargets(m, incident.org_id, incident.device_id, incident.site_path);
    const jobs: PlannedJob[] = [];
    for (const w of candidates) {
      const occ = occurrenceAt(scheduleOf(w), now);
      if (!occ) continue;
      await this.windows.oweDigest(m, incident.org_id, w.id, occ.end);
      jobs.push({ name: 'digest', data: { orgId: incident.org_id, windowId: w.id, occurrenceEnd: occ.end.toISOString() }, at: occ.end });
    }
    return jobs.length ? jobs : null;
  }

  async create(m: EntityManager, orgId: string, by: string, input: z.output<typeof maintenanceWindowCreateSchema>, now: Date): Promise<WindowView> {
    const timezone = input.timezone ?? (input.scope === 'site' ? await this.sites.timezone(m, orgId, input.targetId) : null) ?? 'UTC';
    if (!isValidZone(timezone)) throw new DomainError('INVALID', 'INVALID_TIMEZONE', `Unknown timezone ${timezone}`);
    const row = await this.windows.insert(m, orgId, {
      scope: input.scope,
      targetId: input.targetId,
      startsAt: new Date(input.startsAt),
      endsAt: input.endsAt ? new Date(input.endsAt) : null,
      timezone,
      recurrence: input.recurrence ?? null,
      reason: input.reason ?? null,
      createdBy: by,
    });
    return view(row, now);
  }

  async list(m: EntityManager, orgId: string, targetId: string | undefined, cursor: string | undefined, limit: number, now: Date) {
    const rows = await this.windows.list(m, orgId, targetId, decodeCursor(cursor, 2), limit);
    return pageFrom(rows, limit, (r) => view(r, now), (r) => [r.starts_at.toISOString(), r.id]);
  }

  async cancel(m: EntityManager, orgId: string, id: string): Promise<void> {
    if (!(await this.windows.cancel(m, orgId, id))) throw notFound();
  }
}

const notFound = () => new DomainError('NOT_FOUND', 'MAINTENANCE_WINDOW_NOT_FOUND', 'No such maintenance window');

function isValidZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function view(w: WindowRow, now: Date): WindowView {
  const occ = occurrenceAt(scheduleOf(w), now);
  return {
    id: w.id,
    scope: w.scope,
    targetId: w.target_id,
    startsAt: w.starts_at.toISOString(),
    endsAt: w.ends_at ? w.ends_at.toISOString() : null,
    timezone: w.timezone,
    recurrence: w.recurrence,
    reason: w.reason,
    createdBy: w.created_by,
    createdAt: w.created_at.toISOString(),
    activeUntil: occ ? occ.end.toISOString() : null,
  };
}
