import { z } from 'zod';
import type { EventDefinition } from './define-event.js';
import type { EventEnvelope } from './envelope.js';
import { deviceRegisteredV1 } from './inventory/device-registered.v1.js';
import { deviceUpdatedV1 } from './inventory/device-updated.v1.js';
import { deviceDecommissionedV1 } from './inventory/device-decommissioned.v1.js';
import { siteCreatedV1 } from './inventory/site-created.v1.js';
import { siteUpdatedV1 } from './inventory/site-updated.v1.js';
import { warrantyExpiringV1 } from './inventory/warranty-expiring.v1.js';
import { warrantyExpiredV1 } from './inventory/warranty-expired.v1.js';
import { deviceOfflineV1 } from './health/device-offline.v1.js';
import { deviceOnlineV1 } from './health/device-online.v1.js';
import { deviceDegradedV1 } from './health/device-degraded.v1.js';
import { deviceRestoredV1 } from './health/device-restored.v1.js';
import { siteUnreachableV1 } from './health/site-unreachable.v1.js';
import { siteRecoveredV1 } from './health/site-recovered.v1.js';
import { firmwareReleasedV1 } from './lifecycle/firmware-released.v1.js';
import { deviceFirmwareNoncompliantV1 } from './lifecycle/device-firmware-noncompliant.v1.js';
import { replacementDueV1 } from './lifecycle/replacement-due.v1.js';
import { incidentOpenedV1 } from './notifier/incident-opened.v1.js';
import { incidentAcknowledgedV1 } from './notifier/incident-acknowledged.v1.js';
import { incidentResolvedV1 } from './notifier/incident-resolved.v1.js';

/** Every event definition, every version still published. Adding an event means adding it here. */
export const allEvents = [
  deviceRegisteredV1,
  deviceUpdatedV1,
  deviceDecommissionedV1,
  siteCreatedV1,
  siteUpdatedV1,
  warrantyExpiringV1,
  warrantyExpiredV1,
  deviceOfflineV1,
  deviceOnlineV1,
  deviceDegradedV1,
  deviceRestoredV1,
  siteUnreachableV1,
  siteRecoveredV1,
  firmwareReleasedV1,
  deviceFirmwareNoncompliantV1,
  replacementDueV1,
  incidentOpenedV1,
  incidentAcknowledgedV1,
  incidentResolvedV1,
] as const satisfies readonly EventDefinition[];

export type KnownEventDefinition = (typeof allEvents)[number];
export type KnownEventType = KnownEventDefinition['type'];

const keyOf = (type: string, version: number) => `${type}@v${version}`;
const byKey = new Map<string, EventDefinition>(allEvents.map((def) => [keyOf(def.type, def.version), def]));
if (byKey.size !== allEvents.length) throw new Error('allEvents lists the same type and version twice');

export function eventByTypeVersion(type: string, version: number): EventDefinition | undefined {
  return byKey.get(keyOf(type, version));
}

export type ParseEnvelopeFailure = {
  ok: false;
  /**
   * `malformed`: not an envelope at all; `unknown-event`: no definition for its type/version; `invalid`: fails the
   * schema; `wrong-subject`: valid, but it arrived on another subject than the one it belongs on.
   */
  reason: 'malformed' | 'unknown-event' | 'invalid' | 'wrong-subject';
  message: string;
  issues: z.core.$ZodIssue[];
};
export type ParseEnvelopeResult =
  { ok: true; definition: EventDefinition; envelope: EventEnvelope } | ParseEnvelopeFailure;

const headSchema = z.object({ type: z.string().min(1), version: z.number().int().positive() });

/**
 * Finds the definition named by the envelope's `type` and `version`, then validates the whole envelope against it.
 * With `subject` (the NATS subject it arrived on), also checks that the event belongs there: an event cannot claim
 * another organisation than its subject's.
 */
export function parseEnvelope(raw: unknown, options: { subject?: string } = {}): ParseEnvelopeResult {
  const head = headSchema.safeParse(raw);
  if (!head.success) {
    const message = `not an event envelope: ${z.prettifyError(head.error)}`;
    return { ok: false, reason: 'malformed', message, issues: head.error.issues };
  }
  const { type, version } = head.data;
  const definition = eventByTypeVersion(type, version);
  if (!definition) {
    return { ok: false, reason: 'unknown-event', message: `unknown event ${type} v${version}`, issues: [] };
  }
  const parsed = definition.envelope.safeParse(raw);
  if (!parsed.success) {
    const message = `invalid ${type} v${version}: ${z.prettifyError(parsed.error)}`;
    return { ok: false, reason: 'invalid', message, issues: parsed.error.issues };
  }
  const expected = definition.subject(parsed.data.orgId);
  if (options.subject !== undefined && options.subject !== expected) {
    const message = `${type} v${version} arrived on ${options.subject}, but belongs on ${expected}`;
    return { ok: false, reason: 'wrong-subject', message, issues: [] };
  }
  return { ok: true, definition, envelope: parsed.data };
}
