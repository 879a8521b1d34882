export interface EnvelopeLike {
  id: string;
  type: string;
  occurredAt: string;
  data: Record<string, unknown>;
}

export interface Change {
  id: string;
  at: string;
  type: string;
  text: string;
  tone: 'bad' | 'good' | 'info';
}

const str = (v: unknown): string | null => (typeof v === 'string' && v ? v : null);

/** One line for a domain event, in words an operator reads at a glance. */
export function describe(e: EnvelopeLike): Change {
  const d = e.data ?? {};
  const who = str(d['deviceName']) ?? str(d['name']) ?? str(d['deviceId']) ?? str(d['id']) ?? '';
  const site = str(d['siteName']) ?? str(d['siteId']);
  const at = site ? ` (${site})` : '';
  const texts: Record<string, [string, Change['tone']]> = {
    'device.offline': [`${who} went offline${at}`, 'bad'],
    'device.online': [`${who} is back online${at}`, 'good'],
    'device.degraded': [`${who} is degraded${at}`, 'bad'],
    'device.restored': [`${who} reports no fault any more${at}`, 'good'],
    'site.unreachable': [`Site ${site ?? who} unreachable`, 'bad'],
    'site.recovered': [`Site ${site ?? who} recovered`, 'good'],
    'incident.opened': [`Incident: ${str(d['title']) ?? who}`, 'bad'],
    'incident.acknowledged': [`Acknowledged: ${str(d['title']) ?? who}`, 'info'],
    'incident.resolved': [`Resolved: ${str(d['title']) ?? who}`, 'good'],
    'site.created': [`Site ${str(d['name']) ?? who} created`, 'info'],
    'site.updated': [`Site ${str(d['name']) ?? who} updated`, 'info'],
    'device.registered': [`${who} registered${at}`, 'info'],
    'device.updated': [`${who} updated`, 'info'],
    'device.decommissioned': [`${who} decommissioned`, 'info'],
  };
  const [text, tone] = texts[e.type] ?? [`${e.type} ${who}`.trim(), 'info' as const];
  return { id: e.id, at: e.occurredAt, type: e.type, text, tone };
}

/** Newest first, only the last hour, at most `max`. */
export function lastHour(changes: Change[], now: number, max = 50): Change[] {
  const since = now - 3600_000;
  return changes
    .filter((c) => Date.parse(c.at) >= since)
    .sort((a, b) => b.at.localeCompare(a.at))
    .slice(0, max);
}
