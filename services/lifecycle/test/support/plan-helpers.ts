import type { EntityManager } from 'typeorm';
import { ComplianceRepository } from '../../src/compliance/compliance.repository.js';
import { PlanRepository, schedule } from '../../src/plan/plan.repository.js';
import { ReplacementPolicyRepository } from '../../src/policies/replacement-policy.repository.js';
import {
  replacementPolicyInputSchema,
  type ReplacementPolicyInput,
} from '../../src/policies/replacement-policy.schema.js';
import type { LifecycleDb } from './lifecycle-db.js';

export const plans = new PlanRepository();
export const policies = new ReplacementPolicyRepository();
export const compliance = new ComplianceRepository();

export function setPolicy(
  l: LifecycleDb,
  org: string,
  p: Partial<ReplacementPolicyInput> & Pick<ReplacementPolicyInput, 'kind'>,
) {
  return l.org(org, (m) => policies.put(m, org, replacementPolicyInputSchema.parse(p)));
}

export function evaluate(l: LifecycleDb, org: string, asOf: Date) {
  return l.org(org, async (m) => {
    await compliance.evaluate(m, org, asOf);
    return plans.evaluate(m, org, asOf);
  });
}

export async function planOf(
  l: LifecycleDb,
  org: string,
): Promise<Record<string, { reason: string; due: string; state: string }>> {
  const rows: Array<{ device_id: string; reason: string; due: string; state: string }> = await l.org(
    org,
    (m: EntityManager) =>
      m.query(`SELECT device_id, reason, due_date::text AS due, state FROM replacement_item ORDER BY device_id`),
  );
  return Object.fromEntries(rows.map((r) => [r.device_id, { reason: r.reason, due: r.due, state: r.state }]));
}

export function scheduleOf(l: LifecycleDb, org: string, asOf: Date) {
  return l.org(org, (m) => schedule(m, org, asOf, 'effective'));
}
