import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, withOrg } from '@fleetward/platform';
import type { Config } from '../config.js';
import { ChannelRepository, type ChannelRow } from '../channels/channel.repository.js';
import type { NotificationReason } from '../channels/notification.js';
import { IncidentRepository } from '../incidents/incident.repository.js';
import type { IncidentRow } from '../incidents/incident.row.js';
import { occurrenceAt } from '../maintenance/maintenance-schedule.js';
import { MaintenanceRepository, scheduleOf } from '../maintenance/maintenance.repository.js';
import { EscalationRepository } from '../routing/escalation.repository.js';
import { NotificationGroupRepository, type MemberRow } from '../routing/notification-group.repository.js';
import { RoutingRuleRepository } from '../routing/routing-rule.repository.js';
import { inQuietHours, matches, quietHoursEnd } from '../routing/routing-rule.js';
import { groupKeyOf } from '../routing/routing.service.js';
import { DeliveryRepository } from './delivery.repository.js';
import { buildNotification } from './notification-builder.js';
import type { JobData, PlannedJob } from './notifier-jobs.js';

/** Turns due groups, escalations and digests into deliveries (one per channel). Each returns the jobs to enqueue. */
@Injectable()
export class DispatchService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(APP_CONFIG) private readonly config: Config,
    private readonly groups: NotificationGroupRepository,
    private readonly rules: RoutingRuleRepository,
    private readonly channels: ChannelRepository,
    private readonly deliveries: DeliveryRepository,
    private readonly incidents: IncidentRepository,
    private readonly escalations: EscalationRepository,
    private readonly windows: MaintenanceRepository,
  ) {}

  flush({ orgId, groupId }: JobData<'flush'>, now = new Date()): Promise<PlannedJob[]> {
    return withOrg(this.ds, orgId, async (m) => {
      const g = await this.groups.lock(m, orgId, groupId);
      // A stale job (the group was re-planned, sent or emptied since) does nothing.
      if (!g?.next_send_at || g.next_send_at.getTime() > now.getTime() + 1000) return [];
      const rule = await this.rules.get(m, orgId, g.rule_id);
      if (!rule) return [];
      if (rule.quietHours && inQuietHours(rule.quietHours, now)) {
        const end = quietHoursEnd(rule.quietHours, now);
        await this.groups.setNextSend(m, g.id, end);
        return [{ name: 'flush', data: { orgId, groupId }, at: end }];
      }
      const members = (await this.groups.members(m, g.id)).filter((i) => !i.held);
      const silent = members.filter((i) => i.notified_revision === null && i.status === 'resolved');
      await this.groups.dropSilent(m, g.id, silent.map((i) => i.id));
      const live = members.filter((i) => !silent.includes(i));
      const changed = live.filter((i) => i.notified_revision !== i.revision);
      const firing = live.filter((i) => i.status === 'open');
      const [reason, told]: [NotificationReason, MemberRow[]] | [null, []] = changed.length
        ? [changed.every((i) => i.status === 'resolved') ? 'resolved' : changed.some((i) => i.notified_revision === null) ? 'firing' : 'updated', changed]
        : firing.length
          ? ['repeat', firing]
          : [null, []];
      if (!reason) {
        await this.groups.markSent(m, g, [], now, null);
        return [];
      }
      const seq = g.seq + 1;
      const jobs = await this.createDeliveries(m, orgId, rule.channelIds, reason, told, (c) => `${g.id}:${seq}:${c.id}`, now);
      const next = firing.length ? new Date(now.getTime() + rule.timing.repeatIntervalSec * 1000) : null;
      await this.groups.markSent(m, g, told, now, next);
      return next ? [...jobs, { name: 'flush', data: { orgId, groupId }, at: next }] : jobs;
    });
  }

  escalate({ orgId, incidentId, ruleId }: JobData<'escalate'>, now = new Date()): Promise<PlannedJob[]> {
    return withOrg(this.ds, orgId, async (m) => {
      if (!(await this.escalations.claim(m, incidentId, ruleId, now))) return [];
      const incident = await this.incidents.get(m, orgId, incidentId);
      const rule = await this.rules.get(m, orgId, ruleId);
      if (!incident || !rule || incident.status !== 'open' || incident.held) return [];
      await this.incidents.log(m, orgId, incidentId, 'escalated', null, `not acknowledged within ${rule.escalateAfterSec} s`);
      return this.createDeliveries(m, orgId, rule.escalationChannelIds, 'escalation', [incident], (c) => `esc:${incidentId}:${ruleId}:${c.id}`, now);
    });
  }

  /** After a maintenance occurrence: one message per channel listing what is still wrong in the window's scope. */
  digest({ orgId, windowId, occurrenceEnd }: JobData<'digest'>, now = new Date()): Promise<PlannedJob[]> {
    return withOrg(this.ds, orgId, async (m) => {
      const end = new Date(occurrenceEnd);
      if (!(await this.windows.claimDigest(m, windowId, end))) return [];
      const w = await this.windows.get(m, orgId, windowId);
      if (!w) return [];
      const held = await this.incidents.heldInScope(m, orgId, w.scope, w.target_id);
      const release: IncidentRow[] = [];
      for (const i of held) if (!(await this.stillHeld(m, i, now))) release.push(i);
      await this.incidents.setHeld(m, release.map((i) => i.id), false);
      const wrong = release.filter((i) => i.status !== 'resolved');
      if (wrong.length === 0) return [];

      const byChannel = new Map<string, IncidentRow[]>();
      for (const rule of await this.rules.enabled(m, orgId)) {
        const mine = wrong.filter((i) => matches(rule.match, { kind: i.kind, severity: i.severity, sitePath: i.site_path, deviceType: i.device_type, tags: i.tags }));
        for (const i of mine) await this.groups.markTold(m, orgId, rule.id, groupKeyOf(i), i, now);
        for (const c of rule.channelIds) byChannel.set(c, [...new Set([...(byChannel.get(c) ?? []), ...mine])]);
      }
      const jobs: PlannedJob[] = [];
      for (const [channelId, rows] of byChannel) {
        if (rows.length === 0) continue;
        jobs.push(...(await this.createDeliveries(m, orgId, [channelId], 'digest', rows, (c) => `digest:${windowId}:${end.getTime()}:${c.id}`, now)));
      }
      return jobs;
    });
  }

  private async stillHeld(m: EntityManager, i: IncidentRow, now: Date): Promise<boolean> {
    const windows = await this.windows.forTargets(m, i.org_id, i.device_id, i.site_path);
    return windows.some((w) => occurrenceAt(scheduleOf(w), now) !== null);
  }

  private async createDeliveries(
    m: EntityManager,
    orgId: string,
    channelIds: string[],
    reason: NotificationReason,
    rows: IncidentRow[],
    idFor: (c: ChannelRow) => string,
    now: Date,
  ): Promise<PlannedJob[]> {
    const channels = (await this.channels.byIds(m, orgId, channelIds)).filter((c) => c.enabled);
    const items = channels.map((c) => {
      const id = idFor(c);
      return { id, channelId: c.id, n: buildNotification({ id, orgId, reason, rows, publicUrl: this.config.PUBLIC_URL, now }) };
    });
    const created = await this.deliveries.create(m, orgId, items);
    return created.map((deliveryId) => ({ name: 'deliver' as const, data: { orgId, deliveryId }, at: now }));
  }
}
