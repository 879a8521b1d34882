import { Subjects, subjectTokenSchema, type EventEnvelope } from '@fleetward/contracts';

/**
 * The subject an envelope is published on: `fleet.evt.<orgId>.<type>.v<N>`, or `fleet.catalog.<type>.v<N>` when it
 * belongs to no organisation. The org id must be one subject token, so an id can never widen the subject.
 */
export function subjectOf(envelope: Pick<EventEnvelope, 'orgId' | 'type' | 'version'>): string {
  if (envelope.orgId === null) return Subjects.catalogEvent(envelope.type, envelope.version);
  const orgId = subjectTokenSchema.safeParse(envelope.orgId);
  if (!orgId.success) throw new Error(`event ${envelope.type}: orgId "${envelope.orgId}" is not a subject token`);
  return Subjects.event(orgId.data, envelope.type, envelope.version);
}
