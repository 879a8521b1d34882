import { z } from 'zod';
import { defineEvent } from '../define-event.js';
import { isoDateTimeSchema } from '../common/time.js';
import { incidentShape } from './incident-shape.js';

export const incidentOpenedV1Data = z.strictObject({
  ...incidentShape,
  cause: z.strictObject({ eventId: z.uuid(), type: z.string().min(1) }).describe('The event that opened the incident.'),
  ruleId: z.string().min(1).nullable().describe('The alert rule that matched; `null` for built-in behaviour.'),
  openedAt: isoDateTimeSchema,
});
export type IncidentOpenedV1Data = z.infer<typeof incidentOpenedV1Data>;

export const incidentOpenedV1 = defineEvent({
  type: 'incident.opened',
  version: 1,
  description: 'An alert rule opened an incident (one per problem: a site outage is one incident, not one per device).',
  data: incidentOpenedV1Data,
});
