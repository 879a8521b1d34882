/**
 * Cheap validation of heartbeat payloads on the hot path (a zod parse per sample would cost more than the rest of
 * the ingest). Accepted shapes, as published by site collectors, devices and the gateway on `fleet.hb.<org>.<site>`:
 *   one sample  `{ "deviceId": "cam-1", "ts"?: <ms|ISO>, "status"?: "ok"|"degraded", "faults"?: ["recording-stopped"] }`
 *   a batch     `{ "samples": [ <sample>, ... ], "collectorId"?: "...", "sentAt"?: <ms|ISO> }`
 * The device clock (`ts`) is not trusted for liveness: last seen is the time the sample reached Fleetward.
 */
export interface ParsedSample {
  deviceId: string;
  /** '-' when healthy, else the reported faults joined by '+'. */
  fault: string;
}

export interface ParseResult {
  samples: ParsedSample[];
  invalid: number;
  /** Why the first invalid sample was rejected, for the dead letter. */
  reason?: string;
}

const TOKEN = /^[A-Za-z0-9_-]{1,64}$/;
const FAULT = /^[A-Za-z0-9_.:-]{1,64}$/;

function parseSample(raw: unknown): ParsedSample | string {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return 'sample must be an object';
  const s = raw as Record<string, unknown>;
  if (typeof s.deviceId !== 'string' || !TOKEN.test(s.deviceId)) return 'deviceId must be a subject token';
  if (s.status !== undefined && s.status !== 'ok' && s.status !== 'degraded') return 'status must be ok or degraded';
  let fault = '-';
  if (s.faults !== undefined) {
    if (!Array.isArray(s.faults) || s.faults.length > 16) return 'faults must be an array of at most 16 codes';
    for (const f of s.faults) if (typeof f !== 'string' || !FAULT.test(f)) return 'fault codes must be short tokens';
    if (s.faults.length > 0) fault = s.faults.join('+');
  }
  if (fault === '-' && s.status === 'degraded') fault = 'degraded';
  return { deviceId: s.deviceId, fault };
}

export function parseHeartbeat(payload: Uint8Array | string, decoder = new TextDecoder()): ParseResult {
  let body: unknown;
  try {
    body = JSON.parse(typeof payload === 'string' ? payload : decoder.decode(payload));
  } catch {
    return { samples: [], invalid: 1, reason: 'not JSON' };
  }
  const items =
    typeof body === 'object' && body !== null && Array.isArray((body as { samples?: unknown }).samples)
      ? (body as { samples: unknown[] }).samples
      : [body];
  const result: ParseResult = { samples: [], invalid: 0 };
  for (const item of items) {
    const parsed = parseSample(item);
    if (typeof parsed === 'string') {
      result.invalid++;
      result.reason ??= parsed;
    } else result.samples.push(parsed);
  }
  return result;
}
