import { z } from 'zod';
import { roleSchema } from '../rpc.js';

export const apiKeyCreateSchema = z.strictObject({
  name: z.string().trim().min(1).max(100),
  role: roleSchema,
  /** Optional expiry; a key past it is refused like a revoked one. */
  expiresAt: z.iso.datetime({ offset: true }).optional(),
});
export type ApiKeyCreate = z.infer<typeof apiKeyCreateSchema>;

export const apiKeySchema = z.object({
  id: z.string(),
  name: z.string(),
  role: roleSchema,
  /** The visible, non-secret start of the key: `fwk.<orgId>.<keyId>`. */
  prefix: z.string(),
  createdBy: z.string(),
  createdAt: z.iso.datetime({ offset: true }),
  expiresAt: z.iso.datetime({ offset: true }).nullable(),
  revokedAt: z.iso.datetime({ offset: true }).nullable(),
  /** Updated at most about once a minute per key. */
  lastUsedAt: z.iso.datetime({ offset: true }).nullable(),
});
export type ApiKey = z.infer<typeof apiKeySchema>;

/** The creation answer: the only time the full key is ever shown. */
export const apiKeyCreatedSchema = apiKeySchema.extend({ key: z.string() });
export type ApiKeyCreated = z.infer<typeof apiKeyCreatedSchema>;
