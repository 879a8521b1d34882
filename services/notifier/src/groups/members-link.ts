import type { IncidentKind } from '@fleetward/contracts';

const DAY = 86_400_000;
const day = (d: Date) => d.toISOString().slice(0, 10);

/**
 * The gateway path listing what a group incident counts, as of `now`: the device list filtered by warranty end for
 * warranty windows, the compliance list by status for firmware, the replacement plan for replacements. It is
 * computed when read, so that a window ("ends within 90 days") stays relative to today.
 */
export function membersLink(kind: IncidentKind, subjectKey: string, now: Date): string | null {
  const key = subjectKey.startsWith('group:') ? subjectKey.slice('group:'.length) : subjectKey;
  const [what, value] = [key.slice(0, key.indexOf(':')), key.slice(key.indexOf(':') + 1)];
  switch (kind) {
    case 'warranty-expiring': {
      if (key === 'expired') return `/api/v1/devices?warrantyBefore=${day(now)}`;
      const lead = Number(value);
      if (what !== 'lead' || !Number.isInteger(lead)) return null;
      return `/api/v1/devices?warrantyAfter=${day(now)}&warrantyBefore=${day(new Date(now.getTime() + lead * DAY))}`;
    }
    case 'firmware-vulnerable':
      return '/api/v1/compliance?status=vulnerable';
    case 'firmware-noncompliant':
      return what === 'status'
        ? `/api/v1/compliance?status=${encodeURIComponent(value)}`
        : '/api/v1/compliance?compliant=false';
    case 'replacement-due':
      return '/api/v1/replacement-plan?state=proposed';
    default:
      return null;
  }
}
