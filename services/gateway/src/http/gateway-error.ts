/**
 * An error raised by the gateway itself (authentication, validation, limits), with the HTTP status and the stable
 * `code` that the problem+json body carries.
 */
export class GatewayError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'GatewayError';
  }
}

export const notFound = (what = 'resource'): GatewayError =>
  new GatewayError(404, 'NOT_FOUND', `No such ${what} in your organisation`);
