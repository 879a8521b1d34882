import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { Caller } from '@fleetward/contracts';
import { DomainError, decodeCursor, pageFrom, withOrg } from '@fleetward/platform';
import { ChannelRepository } from '../channels/channel.repository.js';
import { RoutingRuleRepository, type RuleInput } from './routing-rule.repository.js';

@Injectable()
export class RoutingRuleService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly rules: RoutingRuleRepository,
    private readonly channels: ChannelRepository,
  ) {}

  create(caller: Caller, input: RuleInput) {
    return withOrg(this.ds, caller.orgId, async (m) => {
      await this.checkChannels(m, caller.orgId, input);
      return this.rules.insert(m, caller.orgId, input);
    });
  }

  update(caller: Caller, id: string, input: RuleInput) {
    return withOrg(this.ds, caller.orgId, async (m) => {
      await this.checkChannels(m, caller.orgId, input);
      const rule = await this.rules.update(m, caller.orgId, id, input);
      if (!rule) throw notFound();
      return rule;
    });
  }

  delete(caller: Caller, id: string) {
    return withOrg(this.ds, caller.orgId, async (m) => {
      if (!(await this.rules.delete(m, caller.orgId, id))) throw notFound();
      return { ok: true as const };
    });
  }

  list(caller: Caller, cursor: string | undefined, limit: number) {
    return withOrg(this.ds, caller.orgId, async (m) => {
      const rows = await this.rules.list(m, caller.orgId, decodeCursor(cursor, 1), limit);
      return pageFrom(rows, limit, (r) => r, (r) => [r.id]);
    });
  }

  private async checkChannels(m: EntityManager, orgId: string, r: RuleInput): Promise<void> {
    const wanted = [...new Set([...r.channelIds, ...r.escalationChannelIds])];
    const found = new Set((await this.channels.byIds(m, orgId, wanted)).map((c) => c.id));
    const missing = wanted.filter((id) => !found.has(id));
    if (missing.length) throw new DomainError('INVALID', 'UNKNOWN_CHANNEL', `Unknown channel(s): ${missing.join(', ')}`);
    if (r.escalateAfterSec && r.escalationChannelIds.length === 0) {
      throw new DomainError('INVALID', 'ESCALATION_WITHOUT_CHANNEL', 'escalateAfterSec needs escalationChannelIds');
    }
  }
}

const notFound = () => new DomainError('NOT_FOUND', 'RULE_NOT_FOUND', 'No such routing rule');
