import type { EventEnvelope } from '@fleetward/contracts';

export interface EventFilter {
  /** Event types such as `device.offline`; empty: all. */
  types: string[];
  /** Site ids; an event matches when it concerns one of them or anything below it in the site tree. Empty: all. */
  siteIds: string[];
}

function sitesOf(e: EventEnvelope): string[] {
  const data = (e.data ?? {}) as { siteId?: unknown; sitePath?: unknown; id?: unknown };
  const out: string[] = [];
  if (typeof data.siteId === 'string') out.push(data.siteId);
  if (Array.isArray(data.sitePath)) out.push(...data.sitePath.filter((s): s is string => typeof s === 'string'));
  if (e.type.startsWith('site.') && typeof data.id === 'string') out.push(data.id);
  return out;
}

export function matches(filter: EventFilter, e: EventEnvelope): boolean {
  if (filter.types.length > 0 && !filter.types.includes(e.type)) return false;
  if (filter.siteIds.length === 0) return true;
  return sitesOf(e).some((s) => filter.siteIds.includes(s));
}
