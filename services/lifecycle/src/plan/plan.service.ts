import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { withOrg } from '@fleetward/platform';
import type { DataSource } from 'typeorm';
import { canMove, type ItemState } from './item-state.js';
import { PlanErrors } from './plan.exception.js';
import { PlanItemsRepository, type PlanItem, type PlanItemAudit } from './plan-items.repository.js';

export interface MoveRequest {
  itemId: string;
  to: ItemState;
  reason?: string | null;
  replacedByDeviceId?: string | null;
  actor: string;
}

/** People's decisions on the plan: the state machine, checked here, and audited by the database trigger. */
@Injectable()
export class PlanService {
  private readonly items = new PlanItemsRepository();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  list(
    orgId: string,
    f: { state?: ItemState; deviceId?: string; limit: number; after?: { dueDate: string; id: string } },
  ): Promise<PlanItem[]> {
    return withOrg(this.dataSource, orgId, (m) => this.items.list(m, orgId, f));
  }

  async get(orgId: string, id: string): Promise<{ item: PlanItem; audit: PlanItemAudit[] }> {
    return withOrg(this.dataSource, orgId, async (m) => {
      const item = await this.items.get(m, orgId, id);
      if (!item) throw PlanErrors.itemNotFound(id);
      return { item, audit: await this.items.audit(m, orgId, id) };
    });
  }

  move(orgId: string, r: MoveRequest): Promise<PlanItem> {
    return withOrg(this.dataSource, orgId, async (m) => {
      const item = await this.items.get(m, orgId, r.itemId, true);
      if (!item) throw PlanErrors.itemNotFound(r.itemId);
      if (!canMove(item.state, r.to)) throw PlanErrors.badTransition(item.state, r.to);
      if (r.to === 'deferred' && !r.reason) throw PlanErrors.reasonRequired();
      if (r.to === 'replaced' && !r.replacedByDeviceId) throw PlanErrors.newDeviceRequired();
      await this.items.move(m, orgId, r.itemId, r.to, r.reason ?? null, r.actor, r.replacedByDeviceId ?? null);
      return (await this.items.get(m, orgId, r.itemId))!;
    });
  }
}
