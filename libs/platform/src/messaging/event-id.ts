import { createHash } from 'node:crypto';

/** Namespace of Fleetward's name-based event ids (a fixed random uuid). */
const NAMESPACE = Buffer.from('0b7f3c2e-91a4-4f5d-8e26-5c1d9a7b4e03'.replace(/-/g, ''), 'hex');

/**
 * A name-based (version 5) uuid for an event that must exist once: the same name always gives the same id, so an
 * event written again for the same fact is dropped by JetStream's duplicate window and by every consumer's inbox.
 * Name it by what makes the fact unique, e.g. `replacement.due|<org>|<device>|<reason>`.
 */
export function deterministicEventId(name: string): string {
  const hash = createHash('sha1').update(NAMESPACE).update(name).digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const h = hash.subarray(0, 16).toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
