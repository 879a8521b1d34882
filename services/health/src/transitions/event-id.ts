import { createHash } from 'node:crypto';

/** Namespace of Fleetward health event ids (a fixed random uuid). */
const NAMESPACE = Buffer.from('6f1c1a52-4b1e-4d43-9a44-2d3c8f0e7b15'.replace(/-/g, ''), 'hex');

/**
 * A name-based (version 5) uuid: the same transition always gets the same event id, so a retried publish is dropped
 * by JetStream's duplicate window and consumers de-duplicate on it.
 */
export function deterministicEventId(name: string): string {
  const hash = createHash('sha1').update(NAMESPACE).update(name).digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const h = hash.subarray(0, 16).toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export function transitionEventId(t: {
  type: string;
  orgId: string;
  deviceId: string;
  siteId: string;
  at: number;
}): string {
  return deterministicEventId(`${t.type}|${t.orgId}|${t.deviceId || t.siteId}|${t.at}`);
}
