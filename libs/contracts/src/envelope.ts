import { z } from 'zod';
import { orgIdSchema } from './ids.js';

/** Every domain event travels in this envelope. `id` is also the `Nats-Msg-Id` (JetStream de-duplication). */
export const envelopeBaseSchema = z.object({
  id: z.uuid(),
  type: z.string().min(1),
  version: z.number().int().positive(),
  occurredAt: z.iso.datetime({ offset: true }),
  /** `null` only for catalog events that belong to no organisation. */
  orgId: orgIdSchema.nullable(),
  correlationId: z.string().min(1),
  source: z.string().min(1),
  data: z.unknown(),
});

export type EventEnvelope<T = unknown> = Omit<z.infer<typeof envelopeBaseSchema>, 'data'> & { data: T };
