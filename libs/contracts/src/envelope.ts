import { z } from 'zod';
import { orgIdSchema } from './ids.js';

/** Every domain event travels in this envelope. `id` is also the `Nats-Msg-Id` (JetStream de-duplication). */
export const envelopeBaseSchema = z.object({
  id: z.uuid().describe('Unique event id, also sent as the `Nats-Msg-Id` header: deduplicate on it.'),
  type: z.string().min(1),
  version: z.number().int().positive(),
  occurredAt: z.iso.datetime({ offset: true }).describe('When the fact happened (not when it was delivered).'),
  /** `null` only for catalog events that belong to no organisation. */
  orgId: orgIdSchema.nullable(),
  correlationId: z.string().min(1).describe('Shared by every event and log line caused by the same request or event.'),
  source: z.string().min(1).describe('The service that published the event, e.g. `health`.'),
  data: z.unknown(),
});

export type EventEnvelope<T = unknown> = Omit<z.infer<typeof envelopeBaseSchema>, 'data'> & { data: T };
