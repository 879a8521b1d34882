import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { withCorrelation } from './correlation.js';

export const CORRELATION_HEADER = 'x-correlation-id';

const acceptable = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Express middleware: takes the caller's `x-correlation-id` (when it is a sane token) or makes a uuid, echoes it in
 * the response, and runs the rest of the request inside it so every log line and RPC carries it.
 */
export function correlationMiddleware(req: IncomingMessage, res: ServerResponse, next: () => void): void {
  const given = req.headers[CORRELATION_HEADER];
  const id = typeof given === 'string' && acceptable.test(given) ? given : randomUUID();
  res.setHeader(CORRELATION_HEADER, id);
  withCorrelation(id, next);
}
