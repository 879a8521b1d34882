import { z } from 'zod';
import { defineEvent } from '../define-event.js';
import { durationSecSchema, isoDateTimeSchema } from '../common/time.js';
import { incidentShape } from './incident-shape.js';

export const incidentResolvedV1Data = z.strictObject({
  ...incidentShape,
  how: z
    .enum(['auto', 'manual'])
    .describe('`auto`: the condition cleared (e.g. device.online); `manual`: someone closed it.'),
  by: z.string().min(1).nullable().describe('The actor for a manual resolution; `null` when automatic.'),
  note: z.string().min(1).max(2000).nullable(),
  cause: z
    .strictObject({ eventId: z.uuid(), type: z.string().min(1) })
    .nullable()
    .describe('The event that cleared the condition, for an automatic resolution.'),
  openedAt: isoDateTimeSchema,
  resolvedAt: isoDateTimeSchema,
  durationSec: durationSecSchema.describe('Seconds from `openedAt` to `resolvedAt`.'),
});
export type IncidentResolvedV1Data = z.infer<typeof incidentResolvedV1Data>;

export const incidentResolvedV1 = defineEvent({
  type: 'incident.resolved',
  version: 1,
  description: 'An incident ended, by itself or by hand. Carries how long it lasted.',
  data: incidentResolvedV1Data,
});
