import { ForbiddenException } from '@nestjs/common';
import type { Caller } from '@fleetward/contracts';
import type { Request } from 'express';
import { CALLER_ASSERTION_HEADER, CALLER_ASSERTION_INVALID, CallerAssertionError } from './caller-assertion.js';
import { recordRefusal } from './caller-refusals.js';
import type { CallerVerifier } from './caller-verifier.js';

/**
 * The caller of a request on a service's internal HTTP port (streamed CSV imports, exports, reports proxied by the
 * gateway): the one its `x-fleetward-caller-assertion` header names, verified like an RPC's. Anything else answers 403
 * `CALLER_ASSERTION_INVALID`, before the route reads a byte of the body.
 */
export async function verifyHttpCaller(verifier: CallerVerifier, req: Request): Promise<Caller> {
  try {
    return await verifier.verify(req.header(CALLER_ASSERTION_HEADER));
  } catch (err) {
    if (!(err instanceof CallerAssertionError)) throw err;
    recordRefusal(err, { via: 'http', target: `${req.method} ${req.path}` });
    throw new ForbiddenException({
      status: 403,
      code: 'FORBIDDEN',
      reason: CALLER_ASSERTION_INVALID,
      message: 'The request carries no valid caller assertion',
    });
  }
}
