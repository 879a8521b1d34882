import { z } from 'zod';

/** Roles, ordered by nothing: permissions are a matrix (see services/gateway). */
export const roleSchema = z.enum(['admin', 'it', 'ot', 'viewer', 'integration']);
export type Role = z.infer<typeof roleSchema>;

/** Who is calling: set by the gateway from the authenticated credential, re-checked by every service. */
export const callerSchema = z.object({
  orgId: z.string().min(1),
  role: roleSchema,
  /** A user id, or `key:<prefix>` for an API key. */
  actor: z.string().min(1),
  correlationId: z.string().min(1),
});
export type Caller = z.infer<typeof callerSchema>;

export const rpcErrorCodeSchema = z.enum(['NOT_FOUND', 'FORBIDDEN', 'INVALID', 'CONFLICT', 'UNAVAILABLE', 'INTERNAL']);
export type RpcErrorCode = z.infer<typeof rpcErrorCodeSchema>;

export const rpcErrorSchema = z.object({
  /** Transport-level class (maps to an HTTP status at the gateway). */
  code: rpcErrorCodeSchema,
  /** Stable domain code, e.g. `DEVICE_NOT_FOUND`, `SITE_HAS_DEVICES`. */
  reason: z.string().min(1),
  message: z.string(),
  details: z.unknown().optional(),
});
export type RpcError = z.infer<typeof rpcErrorSchema>;

export type RpcReply<T> = { ok: true; data: T } | { ok: false; error: RpcError };

export interface RpcDefinition<Req extends z.ZodType = z.ZodType, Res extends z.ZodType = z.ZodType> {
  /** NATS subject of the request (see Subjects.rpc). */
  readonly pattern: string;
  readonly request: Req;
  readonly response: Res;
}

/** Declares a gateway -> service call. The request always carries `caller`. */
export function defineRpc<P extends z.ZodRawShape, Res extends z.ZodType>(def: {
  pattern: string;
  params: P;
  response: Res;
}): RpcDefinition<z.ZodObject<P & { caller: typeof callerSchema }>, Res> {
  return {
    pattern: def.pattern,
    request: z.object({ ...def.params, caller: callerSchema }) as z.ZodObject<P & { caller: typeof callerSchema }>,
    response: def.response,
  };
}

/** Cursor pagination shared by every list call: default 50, max 500 (larger values are clamped, not refused). */
export const pageRequestSchema = z.object({
  limit: z.coerce.number().int().min(1).default(50).transform((n) => Math.min(n, 500)),
  cursor: z.string().min(1).optional(),
});
export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });
