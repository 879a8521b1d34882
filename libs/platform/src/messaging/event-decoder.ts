import { z } from 'zod';
import type { EventDefinition, EventEnvelope } from '@fleetward/contracts';
import type { EventParser } from './consumer-options.js';

export type DecodeResult =
  | { ok: true; envelope: EventEnvelope }
  | { ok: false; detail: string }
  /** A well-formed event of a type this consumer does not handle, when it was told to ignore those. */
  | { ok: 'skip'; detail: string };
export type EventDecoder = (payload: string, subject: string) => DecodeResult;

const head = z.object({ type: z.string(), version: z.number() });
const keyOf = (type: string, version: number) => `${type}@v${version}`;

function errorText(err: unknown): string {
  if (err instanceof z.ZodError) return z.prettifyError(err);
  return err instanceof Error ? err.message : String(err);
}

/**
 * Validates a message before any handler sees it: JSON, a known (type, version), the definition's envelope schema,
 * and the subject it arrived on must be the one that envelope is published on (an event cannot claim another org).
 */
export function eventDecoder(
  events: readonly EventDefinition[] | undefined,
  parse: EventParser | undefined,
  otherTypes: 'dead-letter' | 'ignore' = 'dead-letter',
): EventDecoder {
  const byKey = new Map((events ?? []).map((def) => [keyOf(def.type, def.version), def]));
  return (payload, subject) => {
    let json: unknown;
    try {
      json = JSON.parse(payload);
    } catch (err) {
      return { ok: false, detail: `payload is not JSON: ${errorText(err)}` };
    }
    if (parse) {
      try {
        return { ok: true, envelope: parse(json, subject) };
      } catch (err) {
        return { ok: false, detail: errorText(err) };
      }
    }
    const h = head.safeParse(json);
    const def = h.success ? byKey.get(keyOf(h.data.type, h.data.version)) : undefined;
    if (!def) {
      if (h.success && otherTypes === 'ignore') return { ok: 'skip', detail: `${h.data.type} v${h.data.version}` };
      const what = h.success ? `${h.data.type} v${h.data.version}` : 'a message without type/version';
      return { ok: false, detail: `unexpected event: ${what}` };
    }
    const env = def.envelope.safeParse(json);
    if (!env.success) return { ok: false, detail: `invalid ${def.type} v${def.version}: ${errorText(env.error)}` };
    const expected = def.subject(env.data.orgId);
    if (expected !== subject)
      return { ok: false, detail: `arrived on ${subject}, but the envelope belongs on ${expected}` };
    return { ok: true, envelope: env.data };
  };
}
