import { z } from 'zod';
import { deliveryStatusSchema, incidentFilterSchema, pageRequestSchema } from '@fleetward/contracts';

/** `GET /api/v1/incidents`: the incident filter and the paging fields, flat in the query string. */
export const incidentQuerySchema = z.strictObject({ ...incidentFilterSchema.shape, ...pageRequestSchema.shape });
export type IncidentQuery = z.output<typeof incidentQuerySchema>;

const note = z.string().trim().min(1).max(2000).optional();

/** Acknowledge or resolve: who and when come from the caller, the body only carries an optional note. */
export const incidentNoteSchema = z.strictObject({ note });
export type IncidentNote = z.output<typeof incidentNoteSchema>;

export const maintenanceQuerySchema = z.strictObject({
  targetId: z.string().min(1).max(200).optional(),
  ...pageRequestSchema.shape,
});
export type MaintenanceQuery = z.output<typeof maintenanceQuerySchema>;

export const deliveryQuerySchema = z.strictObject({
  incidentId: z.uuid().optional(),
  channelId: z.uuid().optional(),
  /** `dead`: the dead letters. */
  status: deliveryStatusSchema.optional(),
  ...pageRequestSchema.shape,
});
export type DeliveryQuery = z.output<typeof deliveryQuerySchema>;

export const rotateSecretSchema = z.strictObject({
  /** true: drop the previous secrets now; false (default): both stay valid, so receivers can switch over. */
  expireOld: z.boolean().default(false),
});
export type RotateSecret = z.output<typeof rotateSecretSchema>;

export const allowedHostAddSchema = z.strictObject({ host: z.string().trim().toLowerCase().min(1).max(253) });
export type AllowedHostAdd = z.output<typeof allowedHostAddSchema>;

export const okSchema = z.object({ ok: z.literal(true) });

/** Splits `{ ...filter, limit, cursor }` into the RPC's filter and page. */
export function splitIncidentQuery({ limit, cursor, ...filter }: IncidentQuery) {
  return { filter, limit, cursor };
}
