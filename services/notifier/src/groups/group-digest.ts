import type { IncidentRow } from '../incidents/incident.row.js';

const n = (v: number) => v.toLocaleString('en-US');
const devices = (v: number) => `${n(v)} ${v === 1 ? 'device' : 'devices'}`;

/** The running member totals a notification group last told about; absent or null: never told. */
export interface Told {
  told_added?: number | null;
  told_removed?: number | null;
}

/**
 * The line a message gives a grouped incident: what changed since that group's last message ("+1,200 devices, now
 * 4,800"), or its count when it is told about for the first time. Other incidents keep their title.
 */
export function digestTitle(r: IncidentRow & Told): string {
  if (r.member_count === null) return r.title;
  const label = typeof r.details['label'] === 'string' ? r.details['label'] : r.title;
  const count = r.member_count;
  if (r.status === 'resolved' && count === 0) return `${label}: no device left`;
  if (r.told_added === null || r.told_added === undefined) return `${label}: ${devices(count)}`;
  const added = r.members_added - r.told_added;
  const removed = r.members_removed - (r.told_removed ?? 0);
  const changes = [added ? `+${n(added)}` : null, removed ? `-${n(removed)}` : null].filter(Boolean);
  if (changes.length === 0) return `${label}: ${devices(count)}`;
  return `${label}: ${changes.join(' ')} ${added + removed === 1 ? 'device' : 'devices'}, now ${n(count)}`;
}
