import { z } from 'zod';
import { defineEvent } from '../define-event.js';
import { isoDateTimeSchema } from '../common/time.js';
import { incidentShape } from './incident-shape.js';

export const incidentAcknowledgedV1Data = z.strictObject({
  ...incidentShape,
  by: z.string().min(1).describe('The actor: a user id, or `key:<prefix>` for an API key.'),
  note: z.string().min(1).max(2000).nullable(),
  openedAt: isoDateTimeSchema,
  acknowledgedAt: isoDateTimeSchema,
});
export type IncidentAcknowledgedV1Data = z.infer<typeof incidentAcknowledgedV1Data>;

export const incidentAcknowledgedV1 = defineEvent({
  type: 'incident.acknowledged',
  version: 1,
  description: 'Someone took ownership of an incident; escalation stops.',
  data: incidentAcknowledgedV1Data,
});
