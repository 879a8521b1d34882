import { BadRequestException } from '@nestjs/common';
import { callerSchema, type Caller } from '@fleetward/contracts';
import type { Request } from 'express';

/** Header the gateway sets when it proxies a streamed request to the inventory's internal HTTP port. */
export const CALLER_HEADER = 'x-fleetward-caller';

/**
 * The caller of an internal HTTP request, as authenticated by the gateway. The internal port is not exposed outside
 * the cluster (like the NATS RPC subjects); the caller is validated like an RPC request's.
 */
export function internalCaller(req: Request): Caller {
  const raw = req.header(CALLER_HEADER);
  try {
    return callerSchema.parse(JSON.parse(raw ?? ''));
  } catch {
    throw new BadRequestException(`missing or invalid ${CALLER_HEADER} header`);
  }
}
