import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { EventEnvelope } from '@fleetward/contracts';
import { APP_CONFIG, Inbox, OutboxWriter, withOrg } from '@fleetward/platform';
import type { Config } from '../config.js';
import { eventsConsumer } from '../names.js';
import type { PlannedJob } from '../delivery/notifier-jobs.js';
import { JobScheduler } from '../delivery/job-scheduler.js';
import { DueWorkRepository } from '../delivery/due-work.repository.js';
import { openedEvent, resolvedEvent } from '../incidents/incident-events.js';
import type { IncidentRow } from '../incidents/incident.row.js';
import { GroupRoutingService } from '../routing/group-routing.service.js';
import { GroupIncidentRepository } from './group-incident.repository.js';
import { groupChanges } from './lifecycle-group-rules.js';
import { planMembership, targetId } from './membership-plan.js';

/**
 * Lifecycle alerts as groups: a batch of warranty, firmware and replacement events (and the device changes that take
 * devices out again) becomes a handful of statements per organisation, whatever the number of devices, and at most
 * one incident per (organisation, kind, group key).
 */
@Injectable()
export class GroupIncidentService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(APP_CONFIG) private readonly config: Config,
    private readonly groups: GroupIncidentRepository,
    private readonly routing: GroupRoutingService,
    private readonly scheduler: JobScheduler,
    private readonly due: DueWorkRepository,
  ) {}

  /** Applies the batch's group changes, one transaction per organisation, each event once (its own inbox key). */
  async applyBatch(events: readonly EventEnvelope[], now = new Date()): Promise<void> {
    const byOrg = new Map<string, EventEnvelope[]>();
    for (const e of events) {
      if (!e.orgId || groupChanges(e).length === 0) continue;
      byOrg.set(e.orgId, [...(byOrg.get(e.orgId) ?? []), e]);
    }
    for (const [orgId, mine] of byOrg) {
      const jobs = await withOrg(this.ds, orgId, (m) => this.applyOrg(m, orgId, mine, now));
      await this.scheduler.enqueue(jobs);
    }
  }

  private async applyOrg(m: EntityManager, orgId: string, events: EventEnvelope[], now: Date): Promise<PlannedJob[]> {
    const fresh = await Inbox.claim(
      m,
      `${eventsConsumer(this.config)}.groups`,
      events.map((e) => e.id),
    );
    const plan = planMembership(events.filter((e) => fresh.has(e.id.toLowerCase())));
    if (plan.placements.length === 0) return [];
    await this.due.rememberOrg(m, orgId);
    const { opened, byTarget } = await this.groups.open(m, orgId, plan.targets, now);
    const placements = plan.placements.map((p) => ({
      family: p.family,
      deviceId: p.deviceId,
      incidentId: p.target ? byTarget.get(targetId(p.target))!.id : null,
    }));
    const deltas = await this.groups.place(m, orgId, placements, now);
    const changed = await this.groups.applyDeltas(m, orgId, deltas, now);
    const told = {
      opened: new Set(opened.map((r) => r.id)),
      grew: new Set(deltas.filter((d) => d.added > 0).map((d) => d.incidentId)),
      correlationId: events[0]!.correlationId,
    };
    return this.announce(m, orgId, changed, told, now);
  }

  /** Outbox events and the log for opened and resolved groups; routing (a digest) for every change worth telling. */
  private async announce(
    m: EntityManager,
    orgId: string,
    changed: IncidentRow[],
    { opened, grew, correlationId }: { opened: Set<string>; grew: Set<string>; correlationId: string },
    now: Date,
  ): Promise<PlannedJob[]> {
    const resolved = changed.filter((r) => r.status === 'resolved');
    const fresh = changed.filter((r) => opened.has(r.id));
    await this.groups.dropMembers(
      m,
      resolved.map((r) => r.id),
    );
    await OutboxWriter.add(m, [
      ...fresh.map((r) => openedEvent(r, correlationId)),
      ...resolved.map((r) => resolvedEvent(r, correlationId, null)),
    ]);
    await this.groups.log(m, orgId, [
      ...fresh.map((r) => ({ incidentId: r.id, what: 'opened', note: r.title })),
      ...resolved.map((r) => ({ incidentId: r.id, what: 'resolved', note: r.resolve_note })),
    ]);
    // Joins and resolution are worth a message; devices leaving are told with the next one.
    const worthTelling = changed.filter((r) => r.status === 'resolved' || grew.has(r.id));
    return this.routing.route(
      m,
      orgId,
      worthTelling.map((row) => ({ row, opened: opened.has(row.id) })),
      now,
    );
  }
}
