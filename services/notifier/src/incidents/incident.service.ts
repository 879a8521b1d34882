import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { z } from 'zod';
import type { Caller, EventEnvelope, Incident, incidentFilterSchema } from '@fleetward/contracts';
import { DomainError, Inbox, OutboxWriter, withOrg, decodeCursor, pageFrom, APP_CONFIG } from '@fleetward/platform';
import type { Config } from '../config.js';
import { eventsConsumer } from '../names.js';
import type { PlannedJob } from '../delivery/notifier-jobs.js';
import { JobScheduler } from '../delivery/job-scheduler.js';
import { DueWorkRepository } from '../delivery/due-work.repository.js';
import { MaintenanceService } from '../maintenance/maintenance.service.js';
import { SiteProjection } from '../maintenance/site.projection.js';
import { RoutingService } from '../routing/routing.service.js';
import { acknowledgedEvent, openedEvent, resolvedEvent } from './incident-events.js';
import { incidentActions, type IncidentAction } from './incident-rules.js';
import { IncidentRepository } from './incident.repository.js';
import { IncidentQueries } from './incident.queries.js';
import { LivenessOrderRepository } from './liveness-order.repository.js';
import { toIncident, type IncidentRow } from './incident.row.js';

/** Turns events into incidents, and carries out what people do with them (acknowledge, resolve). */
@Injectable()
export class IncidentService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(APP_CONFIG) private readonly config: Config,
    private readonly incidents: IncidentRepository,
    private readonly queries: IncidentQueries,
    private readonly routing: RoutingService,
    private readonly maintenance: MaintenanceService,
    private readonly sites: SiteProjection,
    private readonly scheduler: JobScheduler,
    private readonly due: DueWorkRepository,
    private readonly order: LivenessOrderRepository,
  ) {}

  /** Applies one event exactly once (inbox), then enqueues the jobs it planned. */
  async applyEvent(e: EventEnvelope, now = new Date()): Promise<void> {
    const isSite = e.type === 'site.created' || e.type === 'site.updated';
    const actions = incidentActions(e);
    // Most events (device registrations during a bulk import...) mean nothing here: no transaction for them.
    if (!e.orgId || (!isSite && actions.length === 0)) return;
    const jobs = await withOrg(this.ds, e.orgId, async (m) => {
      if (!(await Inbox.once(m, eventsConsumer(this.config), e.id))) return [];
      if (isSite) await this.sites.upsert(m, e.data as never);
      // A transition older than one already applied for its device or site (out of order across replicas) is stale.
      if (!(await this.order.isNewest(m, e))) return [];
      if (actions.length) await this.due.rememberOrg(m, e.orgId!);
      const planned: PlannedJob[] = [];
      for (const a of actions) planned.push(...(await this.apply(m, e, a, now)));
      return planned;
    });
    await this.scheduler.enqueue(jobs);
  }

  private async apply(m: EntityManager, e: EventEnvelope, a: IncidentAction, now: Date): Promise<PlannedJob[]> {
    const orgId = e.orgId!;
    const cause = { eventId: e.id, type: e.type };
    if (a.op === 'raise') {
      if (a.deviceId && a.kind === 'device-offline' && (await this.incidents.coveringSiteIncident(m, orgId, a.sitePath))) return [];
      const r = await this.incidents.raise(m, orgId, a, cause, now);
      if (r.change === 'unchanged') return [];
      if (r.change === 'opened') await OutboxWriter.add(m, openedEvent(r.row, e.correlationId));
      return this.notify(m, r.row, r.change === 'opened', now);
    }
    if (a.op === 'supersede') {
      const closed = await this.incidents.resolve(m, orgId, { kinds: [a.kind], subjectKeys: a.subjectKeys }, { how: 'auto', by: null, note: a.note }, now);
      await OutboxWriter.add(m, closed.map((r) => resolvedEvent(r, e.correlationId, cause)));
      return [];
    }
    const resolved = await this.incidents.resolve(m, orgId, { kinds: a.kinds, subjectKeys: [a.subjectKey] }, { how: 'auto', by: null, note: a.note }, now);
    const jobs: PlannedJob[] = [];
    for (const r of resolved) {
      await OutboxWriter.add(m, resolvedEvent(r, e.correlationId, cause));
      jobs.push(...(await this.notify(m, r, false, now)));
    }
    return jobs;
  }

  /** Routes a change unless maintenance holds it (then the window's digest will tell). */
  private async notify(m: EntityManager, row: IncidentRow, opened: boolean, now: Date): Promise<PlannedJob[]> {
    const digests = row.status === 'resolved' && !row.held ? null : await this.maintenance.hold(m, row, now);
    if (digests) {
      if (!row.held) await this.incidents.setHeld(m, [row.id], true);
      return digests;
    }
    return this.routing.route(m, row, opened, now);
  }

  async acknowledge(caller: Caller, id: string, note: string | null): Promise<Incident> {
    return withOrg(this.ds, caller.orgId, async (m) => {
      const row = await this.incidents.acknowledge(m, caller.orgId, id, caller.actor, note, new Date());
      if (!row) throw (await this.incidents.get(m, caller.orgId, id)) ? notOpen() : notFound();
      await OutboxWriter.add(m, acknowledgedEvent(row, caller.correlationId));
      return toIncident(row);
    });
  }

  async resolve(caller: Caller, id: string, note: string | null): Promise<Incident> {
    const { incident, jobs } = await withOrg(this.ds, caller.orgId, async (m) => {
      const now = new Date();
      const [row] = await this.incidents.resolve(m, caller.orgId, { id }, { how: 'manual', by: caller.actor, note }, now);
      if (!row) throw (await this.incidents.get(m, caller.orgId, id)) ? notOpen() : notFound();
      await OutboxWriter.add(m, resolvedEvent(row, caller.correlationId, null));
      return { incident: toIncident(row), jobs: await this.notify(m, row, false, now) };
    });
    await this.scheduler.enqueue(jobs);
    return incident;
  }

  list(caller: Caller, filter: z.output<typeof incidentFilterSchema>, cursor: string | undefined, limit: number) {
    return withOrg(this.ds, caller.orgId, async (m) => {
      const rows = await this.queries.list(m, caller.orgId, filter, decodeCursor(cursor, 2), limit);
      return pageFrom(rows, limit, toIncident, (r) => [r.opened_at.toISOString(), r.id]);
    });
  }

  get(caller: Caller, id: string) {
    return withOrg(this.ds, caller.orgId, async (m) => {
      const row = await this.incidents.get(m, caller.orgId, id);
      if (!row) throw notFound();
      return { row, log: await this.incidents.history(m, id) };
    });
  }
}

const notFound = () => new DomainError('NOT_FOUND', 'INCIDENT_NOT_FOUND', 'No such incident');
const notOpen = () => new DomainError('CONFLICT', 'INCIDENT_NOT_OPEN', 'The incident is already acknowledged or resolved');
