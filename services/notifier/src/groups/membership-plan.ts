import type { EventEnvelope } from '@fleetward/contracts';
import { groupChanges, type GroupTarget } from './lifecycle-group-rules.js';

export const subjectKeyOf = (t: Pick<GroupTarget, 'key'>) => `group:${t.key}`;
export const targetId = (t: Pick<GroupTarget, 'kind' | 'key'>) => `${t.kind}|${subjectKeyOf(t)}`;

/** Where one device ends up in one family after the batch: a group, or none (it left). */
export interface Placement {
  family: string;
  deviceId: string;
  target: GroupTarget | null;
}

export interface MembershipPlan {
  placements: Placement[];
  /** The groups devices join, each with the first event that put a device in it (the cause if it opens). */
  targets: Array<{ target: GroupTarget; cause: { eventId: string; type: string } }>;
}

/**
 * Folds a batch of events, in stream order, into the final placement of each (family, device) it touches: a device
 * that joins, leaves and joins again within one batch is written once, where it ends up.
 */
export function planMembership(events: readonly EventEnvelope[]): MembershipPlan {
  const last = new Map<string, Placement>();
  const causes = new Map<string, { eventId: string; type: string }>();
  for (const e of events) {
    for (const c of groupChanges(e)) {
      if (c.op === 'leave') {
        for (const family of c.families)
          last.set(`${family}|${c.deviceId}`, { family, deviceId: c.deviceId, target: null });
        continue;
      }
      last.set(`${c.family}|${c.deviceId}`, { family: c.family, deviceId: c.deviceId, target: c.target });
      if (!causes.has(targetId(c.target))) causes.set(targetId(c.target), { eventId: e.id, type: e.type });
    }
  }
  const placements = [...last.values()];
  const targets = new Map<string, GroupTarget>();
  for (const p of placements) if (p.target) targets.set(targetId(p.target), p.target);
  return {
    placements,
    targets: [...targets.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([id, target]) => ({ target, cause: causes.get(id)! })),
  };
}
