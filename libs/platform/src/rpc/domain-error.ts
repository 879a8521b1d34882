import type { RpcError, RpcErrorCode } from '@fleetward/contracts';

/**
 * A failure the caller should see: `code` is the transport class (maps to an HTTP status at the gateway), `reason`
 * the stable domain code (`DEVICE_NOT_FOUND`). Thrown in services, turned into an `RpcReply` only at the edge.
 */
export class DomainError extends Error {
  constructor(
    readonly code: RpcErrorCode,
    readonly reason: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'DomainError';
  }

  toRpcError(): RpcError {
    return {
      code: this.code,
      reason: this.reason,
      message: this.message,
      ...(this.details === undefined ? {} : { details: this.details }),
    };
  }

  static fromRpcError(error: RpcError): DomainError {
    return new DomainError(error.code, error.reason, error.message, error.details);
  }
}
