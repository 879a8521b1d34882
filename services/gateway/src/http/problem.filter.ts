import { Catch, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import type { GatewayRequest } from '../auth/authenticated-request.js';
import { mapError } from './error-mapping.js';
import { PROBLEM_CONTENT_TYPE } from './problem.js';
import { redactUrl } from './redact-url.js';

/** Every error leaves the gateway as RFC 9457 problem+json with a stable `code` and the correlation id. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger(ProblemFilter.name);

  catch(err: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw err;
    const req = host.switchToHttp().getRequest<GatewayRequest>();
    const res = host.switchToHttp().getResponse<Response>();
    const { problem, headers, unexpected } = mapError(err);
    if (unexpected)
      this.logger.error(
        `${req.method} ${redactUrl(req.originalUrl)} failed`,
        err instanceof Error ? err.stack : String(err),
      );
    if (res.headersSent) {
      res.end();
      return;
    }
    res.status(problem.status).set(headers).type(PROBLEM_CONTENT_TYPE);
    res.send(JSON.stringify({ ...problem, instance: redactUrl(req.originalUrl), correlationId: req.correlationId }));
  }
}
