/** Liveness states as the API names them. */
export const livenessStates = [
  'online',
  'late',
  'offline',
  'degraded',
  'unknown',
  'never-seen',
  'unreachable',
] as const;
export type LivenessState = (typeof livenessStates)[number];

export interface DeviceLiveness {
  deviceId: string;
  siteIdx: string;
  state: LivenessState;
  /** Came back from offline and is proving it stays up before device.online. */
  recovering: boolean;
  flapping: boolean;
  since: number;
  lastSeen: number | null;
  thresholdMs: number;
  intervalMs: number;
  faults: string[];
  /** Why the state is unknown when health itself lost sight: its Redis state was lost and rebuilt. */
  reason: 'state-lost' | null;
}

const STATE: Record<string, LivenessState> = {
  o: 'online',
  l: 'late',
  d: 'degraded',
  u: 'unknown',
  n: 'never-seen',
  x: 'offline',
  p: 'late',
  s: 'unreachable',
  L: 'unknown',
};

/** Same bucket function as the Lua prelude (ASCII ids: a byte is a UTF-16 unit). */
export function bucketOf(deviceId: string, buckets: number): number {
  let h = 0;
  for (let i = 0; i < deviceId.length; i++) h = (h * 31 + deviceId.charCodeAt(i)) % 16777213;
  return h % buckets;
}

/** Decodes a packed state field (layout documented in lua/prelude.lua.ts); `deadline` is its sorted-set score. */
export function decodeLiveness(deviceId: string, packed: string, deadline: number | null): DeviceLiveness {
  const [st = 'u', , site = '0', thr = '0', ivl = '0', since = '0', seen = '0', , , flapping = '0', , fault = '-'] =
    packed.split(',');
  const thresholdMs = Number(thr);
  const intervalMs = Number(ivl);
  let lastSeen: number | null = Number(seen) || null;
  // a healthy device's last heartbeat is only kept as its deadline (no write per heartbeat)
  if ((st === 'o' || st === 'd') && deadline !== null)
    lastSeen = deadline - Math.min(Math.floor(intervalMs * 1.5), thresholdMs);
  return {
    deviceId,
    siteIdx: site,
    state: STATE[st] ?? (st === 'r' ? 'offline' : 'unknown'),
    recovering: st === 'r',
    flapping: flapping === '1',
    since: Number(since),
    lastSeen,
    thresholdMs,
    intervalMs,
    faults: fault === '-' ? [] : fault.split('+'),
    reason: st === 'L' ? 'state-lost' : null,
  };
}
