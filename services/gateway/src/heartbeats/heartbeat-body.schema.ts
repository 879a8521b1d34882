import { heartbeatBatchSchema } from '@fleetward/contracts';

/** `POST /api/v1/heartbeats`: a batch for one site of the caller's organisation (the org comes from the credential). */
export const heartbeatBatchBodySchema = heartbeatBatchSchema.omit({ orgId: true });
