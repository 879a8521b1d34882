import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '@fleetward/platform';
import type { Config } from '../config.js';
import type { EntityManager } from 'typeorm';
import type { IncidentRow } from '../incidents/incident.row.js';
import type { PlannedJob } from '../delivery/notifier-jobs.js';
import { digestTiming, nextSendAt } from './group-timing.js';
import { NotificationGroupRepository } from './notification-group.repository.js';
import { RoutingRuleRepository } from './routing-rule.repository.js';
import { matches, type Timing } from './routing-rule.js';
import { EscalationRepository } from './escalation.repository.js';

/** Alerts that share a rule, a kind and a site are one group: a burst becomes one message. */
export const groupKeyOf = (i: IncidentRow) => `${i.kind}:${i.site_id ?? '-'}`;

/**
 * Decides, inside the incident's transaction, which notification groups must send and when, and which escalations
 * to arm. Returns the jobs to enqueue after commit.
 */
@Injectable()
export class RoutingService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: Config,
    private readonly rules: RoutingRuleRepository,
    private readonly groups: NotificationGroupRepository,
    private readonly escalations: EscalationRepository,
  ) {}

  async route(m: EntityManager, incident: IncidentRow, opened: boolean, now: Date): Promise<PlannedJob[]> {
    const labels = {
      kind: incident.kind,
      severity: incident.severity,
      sitePath: incident.site_path,
      deviceType: incident.device_type,
      tags: incident.tags,
    };
    const jobs: PlannedJob[] = [];
    for (const rule of await this.rules.enabled(m, incident.org_id)) {
      if (!matches(rule.match, labels)) continue;
      const g = await this.groups.touch(m, incident.org_id, rule.id, groupKeyOf(incident), now);
      await this.groups.addMember(m, incident.org_id, g.id, incident.id);
      const timing = this.timing(rule.timing, incident);
      const due = nextSendAt({ firstAlertAt: g.first_alert_at, lastSentAt: g.last_sent_at, changedSinceSend: true }, timing);
      // A group already due sooner keeps its earlier time (a burst must not postpone the first message).
      const at = g.next_send_at && g.next_send_at < due ? g.next_send_at : due;
      await this.groups.setNextSend(m, g.id, at);
      jobs.push({ name: 'flush', data: { orgId: incident.org_id, groupId: g.id }, at });

      if (opened && rule.escalateAfterSec && rule.escalationChannelIds.length) {
        const dueAt = new Date(now.getTime() + rule.escalateAfterSec * 1000);
        await this.escalations.arm(m, incident.org_id, incident.id, rule.id, dueAt);
        jobs.push({ name: 'escalate', data: { orgId: incident.org_id, incidentId: incident.id, ruleId: rule.id }, at: dueAt });
      }
    }
    return jobs;
  }

  private timing(t: Timing, incident: IncidentRow): Timing {
    return incident.member_count === null ? t : digestTiming(t, this.config.GROUP_DIGEST_INTERVAL_SEC);
  }
}
