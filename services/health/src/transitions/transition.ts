/** A liveness change decided in Redis, waiting in the transition stream to become a durable event. */
export type TransitionType =
  'device.offline' | 'device.online' | 'device.degraded' | 'device.restored' | 'site.unreachable' | 'site.recovered';

export interface Transition {
  /** Redis stream entry id (acked once published). */
  entryId: string;
  type: TransitionType;
  orgId: string;
  /** Empty for site transitions. */
  deviceId: string;
  /** `-` for devices without a site. */
  siteId: string;
  at: number;
  /** Type-specific details, `|`-separated (see the Lua scripts' emit calls). */
  extra: string;
}

const TYPES = new Set<string>([
  'device.offline',
  'device.online',
  'device.degraded',
  'device.restored',
  'site.unreachable',
  'site.recovered',
]);

/** Decodes one stream entry's flat field list; null for an entry this version does not understand. */
export function decodeTransition(entryId: string, fields: string[]): Transition | null {
  const f = new Map<string, string>();
  for (let i = 0; i + 1 < fields.length; i += 2) f.set(fields[i]!, fields[i + 1]!);
  const type = f.get('t');
  const orgId = f.get('o');
  const at = Number(f.get('at'));
  if (!type || !TYPES.has(type) || !orgId || !Number.isFinite(at)) return null;
  return {
    entryId,
    type: type as TransitionType,
    orgId,
    deviceId: f.get('d') ?? '',
    siteId: f.get('s') ?? '-',
    at,
    extra: f.get('x') ?? '',
  };
}
