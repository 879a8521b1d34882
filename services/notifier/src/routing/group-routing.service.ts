import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { APP_CONFIG } from '@fleetward/platform';
import type { Config } from '../config.js';
import type { PlannedJob } from '../delivery/notifier-jobs.js';
import type { IncidentRow } from '../incidents/incident.row.js';
import { EscalationRepository } from './escalation.repository.js';
import { digestTiming, nextSendAt } from './group-timing.js';
import { NotificationGroupRepository, type GroupRow } from './notification-group.repository.js';
import { matches } from './routing-rule.js';
import { RoutingRuleRepository } from './routing-rule.repository.js';
import { groupKeyOf } from './routing.service.js';

export interface GroupChange {
  row: IncidentRow;
  opened: boolean;
}

/**
 * RoutingService.route for the grouped lifecycle incidents a batch changed: the same notification groups and
 * timing (as a digest), in a few statements per rule instead of a few per incident.
 */
@Injectable()
export class GroupRoutingService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: Config,
    private readonly rules: RoutingRuleRepository,
    private readonly groups: NotificationGroupRepository,
    private readonly escalations: EscalationRepository,
  ) {}

  async route(m: EntityManager, orgId: string, changes: GroupChange[], now: Date): Promise<PlannedJob[]> {
    if (changes.length === 0) return [];
    const jobs: PlannedJob[] = [];
    for (const rule of await this.rules.enabled(m, orgId)) {
      const mine = changes.filter(({ row: i }) =>
        matches(rule.match, {
          kind: i.kind,
          severity: i.severity,
          sitePath: i.site_path,
          deviceType: i.device_type,
          tags: i.tags,
        }),
      );
      if (mine.length === 0) continue;
      const byKey = await this.groups.touchMany(
        m,
        orgId,
        rule.id,
        [...new Set(mine.map((c) => groupKeyOf(c.row)))].sort(),
        now,
      );
      await this.groups.addMembers(
        m,
        orgId,
        mine.map((c) => ({ groupId: byKey.get(groupKeyOf(c.row))!.id, incidentId: c.row.id })),
      );
      const timing = digestTiming(rule.timing, this.config.GROUP_DIGEST_INTERVAL_SEC);
      const plans = [...byKey.values()].map((g) => ({ id: g.id, at: sendAt(g, timing) }));
      await this.groups.setNextSendMany(m, plans);
      jobs.push(...plans.map((p): PlannedJob => ({ name: 'flush', data: { orgId, groupId: p.id }, at: p.at })));
      if (!rule.escalateAfterSec || rule.escalationChannelIds.length === 0) continue;
      const dueAt = new Date(now.getTime() + rule.escalateAfterSec * 1000);
      for (const { row } of mine.filter((c) => c.opened)) {
        await this.escalations.arm(m, orgId, row.id, rule.id, dueAt);
        jobs.push({ name: 'escalate', data: { orgId, incidentId: row.id, ruleId: rule.id }, at: dueAt });
      }
    }
    return jobs;
  }
}

/** As in RoutingService: a group already due sooner keeps its earlier time. */
function sendAt(g: GroupRow, timing: Parameters<typeof nextSendAt>[1]): Date {
  const due = nextSendAt(
    { firstAlertAt: g.first_alert_at, lastSentAt: g.last_sent_at, changedSinceSend: true },
    timing,
  );
  return g.next_send_at && g.next_send_at < due ? g.next_send_at : due;
}
