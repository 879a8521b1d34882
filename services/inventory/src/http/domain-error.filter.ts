import { Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { DomainError } from '@fleetward/platform';
import type { Response } from 'express';
import { ZodError } from 'zod';

const STATUS: Record<string, number> = {
  NOT_FOUND: 404,
  FORBIDDEN: 403,
  INVALID: 400,
  CONFLICT: 409,
  UNAVAILABLE: 503,
};

/** Internal HTTP edge: domain errors and invalid queries become problem+json with the stable code and reason. */
@Catch(DomainError, ZodError)
export class DomainErrorHttpFilter implements ExceptionFilter {
  catch(err: DomainError | ZodError, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    const e =
      err instanceof ZodError ? new DomainError('INVALID', 'INVALID_REQUEST', 'invalid query', err.issues) : err;
    const status = STATUS[e.code] ?? 500;
    if (res.headersSent) {
      res.destroy(e);
      return;
    }
    res
      .status(status)
      .type('application/problem+json')
      .json({ type: 'about:blank', title: e.message, status, code: e.code, reason: e.reason, details: e.details });
  }
}
