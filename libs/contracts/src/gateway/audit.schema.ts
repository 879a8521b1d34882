import { z } from 'zod';
import { pageRequestSchema } from '../rpc.js';

export const auditResultSchema = z.enum(['success', 'failure', 'denied']);

/** One append-only audit row: who did what to which target, with what result. */
export const auditEntrySchema = z.object({
  id: z.string(),
  at: z.iso.datetime({ offset: true }),
  orgId: z.string(),
  /** `user:<id>`, `key:<prefix>`, or `anonymous` for a failed authentication. */
  actor: z.string(),
  role: z.string().nullable(),
  /** `<METHOD> <route>`, e.g. `POST /api/v1/keys`, or `auth.<method>` for authentication failures. */
  action: z.string(),
  target: z.string().nullable(),
  result: auditResultSchema,
  status: z.number().int(),
  code: z.string().nullable(),
  correlationId: z.string(),
  sourceIp: z.string().nullable(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const auditQuerySchema = pageRequestSchema.extend({
  actor: z.string().min(1).max(300).optional(),
  action: z.string().min(1).max(300).optional(),
  target: z.string().min(1).max(300).optional(),
  result: auditResultSchema.optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
});
export type AuditQuery = z.infer<typeof auditQuerySchema>;
