import { HttpException } from '@nestjs/common';
import { rpcErrorCodeSchema, type RpcErrorCode } from '@fleetward/contracts';
import { GatewayError } from './gateway-error.js';
import { problem, type Problem } from './problem.js';

const rpcStatus: Record<RpcErrorCode, number> = {
  NOT_FOUND: 404,
  FORBIDDEN: 403,
  INVALID: 400,
  CONFLICT: 409,
  UNAVAILABLE: 503,
  INTERNAL: 500,
};

const httpCodes: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
  503: 'SERVICE_UNAVAILABLE',
};

/** A service's typed error reply (the platform's `DomainError`), recognised by shape so any copy of the class maps. */
interface DomainErrorLike {
  code: RpcErrorCode;
  reason: string;
  message: string;
  details?: unknown;
}

function isDomainError(err: unknown): err is DomainErrorLike {
  if (!(err instanceof Error)) return false;
  const e = err as Error & { code?: unknown; reason?: unknown };
  return rpcErrorCodeSchema.safeParse(e.code).success && typeof e.reason === 'string';
}

/** Body-parser errors (too large, malformed JSON) carry `status` and `type`. */
function isBodyParserError(err: unknown): err is Error & { status: number; type: string } {
  return err instanceof Error && typeof (err as { status?: unknown }).status === 'number' && 'type' in err;
}

export interface MappedError {
  problem: Problem;
  headers: Record<string, string>;
  /** True for failures that are the gateway's or a service's fault (logged with their stack). */
  unexpected: boolean;
}

/** The one place that turns any error into an HTTP status, a stable code and a problem+json body. */
export function mapError(err: unknown): MappedError {
  if (err instanceof GatewayError) {
    return { problem: problem(err.status, err.code, err.message, err.extra), headers: err.headers, unexpected: false };
  }
  if (isDomainError(err)) {
    const status = rpcStatus[err.code];
    const extra = err.details === undefined ? {} : { details: err.details };
    const detail = err.code === 'INTERNAL' ? 'The service failed to handle the request' : err.message;
    return {
      problem: problem(status, err.reason, detail, extra),
      headers: {},
      unexpected: status >= 500 && err.code !== 'UNAVAILABLE',
    };
  }
  if (err instanceof HttpException) {
    const status = err.getStatus();
    return {
      problem: problem(status, httpCodes[status] ?? `HTTP_${status}`, err.message),
      headers: {},
      unexpected: status >= 500,
    };
  }
  if (isBodyParserError(err) && err.status >= 400 && err.status < 500) {
    const code =
      err.type === 'entity.too.large'
        ? 'PAYLOAD_TOO_LARGE'
        : err.type === 'entity.parse.failed'
          ? 'MALFORMED_BODY'
          : (httpCodes[err.status] ?? 'BAD_REQUEST');
    return { problem: problem(err.status, code, err.message), headers: {}, unexpected: false };
  }
  return { problem: problem(500, 'INTERNAL', 'Internal error'), headers: {}, unexpected: true };
}
