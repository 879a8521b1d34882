/**
 * The only place NATS subject strings are spelled. Everything else calls these functions.
 *
 *   fleet.evt.<orgId>.<domain>.<event>.v<N>   durable domain events (stream FLEET_EVENTS)
 *   fleet.catalog.<domain>.<event>.v<N>       events that belong to no organisation (stream FLEET_EVENTS)
 *   fleet.hb.<orgId>.<siteId>                  heartbeats (core NATS, high volume)
 *   fleet.dlq.<consumer>                       dead letters (stream FLEET_DLQ)
 *   fleet.rpc.<service>.<action>               request/reply from the gateway to a service
 */
export const SUBJECT_ROOT = 'fleet';

export const Subjects = {
  event: (orgId: string, type: string, version: number) => `${SUBJECT_ROOT}.evt.${orgId}.${type}.v${version}`,
  catalogEvent: (type: string, version: number) => `${SUBJECT_ROOT}.catalog.${type}.v${version}`,
  /** All events of one organisation: what an IT integrator is allowed to subscribe to. */
  orgEvents: (orgId: string) => `${SUBJECT_ROOT}.evt.${orgId}.>`,
  /** One event type across all organisations, e.g. for a service's durable consumer filter. */
  eventAllOrgs: (type: string, version: number) => `${SUBJECT_ROOT}.evt.*.${type}.v${version}`,
  allEvents: `${SUBJECT_ROOT}.evt.>`,
  allCatalogEvents: `${SUBJECT_ROOT}.catalog.>`,
  heartbeat: (orgId: string, siteId: string) => `${SUBJECT_ROOT}.hb.${orgId}.${siteId}`,
  allHeartbeats: `${SUBJECT_ROOT}.hb.>`,
  dlq: (consumer: string) => `${SUBJECT_ROOT}.dlq.${consumer}`,
  allDlq: `${SUBJECT_ROOT}.dlq.>`,
  rpc: (service: string, action: string) => `${SUBJECT_ROOT}.rpc.${service}.${action}`,
} as const;

/** Parses `fleet.evt.<orgId>.<type...>.v<N>` back into its parts; `null` when the subject is not an event subject. */
export function parseEventSubject(subject: string): { orgId: string | null; type: string; version: number } | null {
  const parts = subject.split('.');
  if (parts[0] !== SUBJECT_ROOT || parts.length < 4) return null;
  const v = /^v(\d+)$/.exec(parts[parts.length - 1]!);
  if (!v) return null;
  if (parts[1] === 'evt' && parts.length >= 5) {
    return { orgId: parts[2]!, type: parts.slice(3, -1).join('.'), version: Number(v[1]) };
  }
  if (parts[1] === 'catalog') return { orgId: null, type: parts.slice(2, -1).join('.'), version: Number(v[1]) };
  return null;
}
