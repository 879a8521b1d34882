import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { InjectDataSource } from '@nestjs/typeorm';
import { LifecycleRpc } from '@fleetward/contracts';
import { Clock, handleRpc, withOrg } from '@fleetward/platform';
import type { DataSource } from 'typeorm';
import { EvaluationService } from '../evaluation/evaluation.service.js';
import { ForecastRepository } from '../forecast/forecast.repository.js';
import { LifecycleErrors, READERS, requireRole, WRITERS } from '../lifecycle.exception.js';
import { ModelCostRepository } from '../plan/model-cost.repository.js';
import { PlanService } from '../plan/plan.service.js';
import { ProjectionRepository } from '../projection/projection.repository.js';
import { ReplacementPolicyRepository } from '../policies/replacement-policy.repository.js';
import { replacementPolicyInputSchema } from '../policies/replacement-policy.schema.js';

const cursorOf = (dueDate: string, id: string) => Buffer.from(`${dueDate}|${id}`).toString('base64url');
function afterOf(cursor: string | undefined): { dueDate: string; id: string } | undefined {
  if (!cursor) return undefined;
  const [dueDate, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  return dueDate && id ? { dueDate, id } : undefined;
}

/** Replacement policies, the plan, the forecast and failure marks over NATS request/reply. */
@Controller()
export class PlanRpcController {
  private readonly policies = new ReplacementPolicyRepository();
  private readonly forecasts = new ForecastRepository();
  private readonly projection = new ProjectionRepository();
  private readonly costs = new ModelCostRepository();

  constructor(
    private readonly plan: PlanService,
    private readonly evaluation: EvaluationService,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  @MessagePattern(LifecycleRpc.policiesList.pattern)
  listPolicies(@Payload() payload: unknown) {
    return handleRpc(LifecycleRpc.policiesList, payload, async (r) => {
      requireRole(r.caller, READERS, 'read policies');
      return { items: await withOrg(this.dataSource, r.caller.orgId, (m) => this.policies.list(m, r.caller.orgId)) };
    });
  }

  @MessagePattern(LifecycleRpc.policiesPut.pattern)
  putPolicy(@Payload() payload: unknown) {
    return handleRpc(LifecycleRpc.policiesPut, payload, async (r) => {
      requireRole(r.caller, WRITERS, 'change policies');
      const checked = replacementPolicyInputSchema.safeParse(r.policy);
      if (!checked.success) throw LifecycleErrors.invalidPolicy(checked.error.issues.map((i) => i.message).join('; '));
      const saved = await withOrg(this.dataSource, r.caller.orgId, (m) =>
        this.policies.put(m, r.caller.orgId, checked.data),
      );
      await this.evaluation.reevaluate(r.caller.orgId, this.clock.now(), r.caller.correlationId);
      return saved;
    });
  }

  @MessagePattern(LifecycleRpc.policiesDelete.pattern)
  deletePolicy(@Payload() payload: unknown) {
    return handleRpc(LifecycleRpc.policiesDelete, payload, async (r) => {
      requireRole(r.caller, WRITERS, 'change policies');
      const gone = await withOrg(this.dataSource, r.caller.orgId, (m) => this.policies.remove(m, r.caller.orgId, r.id));
      if (!gone) throw LifecycleErrors.policyNotFound(r.id);
      await this.evaluation.reevaluate(r.caller.orgId, this.clock.now(), r.caller.correlationId);
      return { ok: true as const };
    });
  }

  @MessagePattern(LifecycleRpc.modelCostsList.pattern)
  listCosts(@Payload() payload: unknown) {
    return handleRpc(LifecycleRpc.modelCostsList, payload, async (r) => {
      requireRole(r.caller, READERS, 'read model costs');
      return { items: await withOrg(this.dataSource, r.caller.orgId, (m) => this.costs.list(m, r.caller.orgId)) };
    });
  }

  @MessagePattern(LifecycleRpc.modelCostsSet.pattern)
  setCosts(@Payload() payload: unknown) {
    return handleRpc(LifecycleRpc.modelCostsSet, payload, async (r) => {
      requireRole(r.caller, WRITERS, 'set model costs');
      await withOrg(this.dataSource, r.caller.orgId, (m) => this.costs.set(m, r.caller.orgId, r.items));
      await this.evaluation.reevaluate(r.caller.orgId, this.clock.now(), r.caller.correlationId);
      return { ok: true as const };
    });
  }

  @MessagePattern(LifecycleRpc.planList.pattern)
  list(@Payload() payload: unknown) {
    return handleRpc(LifecycleRpc.planList, payload, async (r) => {
      requireRole(r.caller, READERS, 'read the plan');
      const rows = await this.plan.list(r.caller.orgId, {
        state: r.state,
        deviceId: r.deviceId,
        limit: r.limit + 1,
        after: afterOf(r.cursor),
      });
      const items = rows.slice(0, r.limit);
      const last = items[items.length - 1];
      return { items, nextCursor: rows.length > r.limit && last ? cursorOf(last.dueDate, last.id) : null };
    });
  }

  @MessagePattern(LifecycleRpc.planGet.pattern)
  get(@Payload() payload: unknown) {
    return handleRpc(LifecycleRpc.planGet, payload, (r) => {
      requireRole(r.caller, READERS, 'read the plan');
      return this.plan.get(r.caller.orgId, r.id);
    });
  }

  @MessagePattern(LifecycleRpc.planMove.pattern)
  move(@Payload() payload: unknown) {
    return handleRpc(LifecycleRpc.planMove, payload, (r) => {
      requireRole(r.caller, WRITERS, 'change the plan');
      return this.plan.move(r.caller.orgId, { itemId: r.id, ...r.move, actor: r.caller.actor });
    });
  }

  @MessagePattern(LifecycleRpc.forecast.pattern)
  forecast(@Payload() payload: unknown) {
    return handleRpc(LifecycleRpc.forecast, payload, async (r) => {
      requireRole(r.caller, READERS, 'read the forecast');
      const org = r.caller.orgId;
      return {
        rows: await withOrg(this.dataSource, org, (m) =>
          this.forecasts.forecast(m, org, this.clock.now(), r.years, r.groupBy),
        ),
      };
    });
  }

  @MessagePattern(LifecycleRpc.devicesMarkFailed.pattern)
  markFailed(@Payload() payload: unknown) {
    return handleRpc(LifecycleRpc.devicesMarkFailed, payload, async (r) => {
      requireRole(r.caller, WRITERS, 'mark devices failed');
      const org = r.caller.orgId;
      const found = await withOrg(this.dataSource, org, (m) =>
        this.projection.markFailed(m, org, r.deviceId, r.failed, this.clock.now()),
      );
      if (!found) throw LifecycleErrors.deviceNotFound(r.deviceId);
      await this.evaluation.reevaluate(org, this.clock.now(), r.caller.correlationId);
      return { ok: true as const };
    });
  }

  @MessagePattern(LifecycleRpc.evaluate.pattern)
  evaluate(@Payload() payload: unknown) {
    return handleRpc(LifecycleRpc.evaluate, payload, (r) => {
      requireRole(r.caller, WRITERS, 'run an evaluation');
      return this.evaluation.reevaluate(r.caller.orgId, this.clock.now(), r.caller.correlationId);
    });
  }
}
