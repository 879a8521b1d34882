import { GatewayError } from '../http/gateway-error.js';

/**
 * A refused credential. The client always sees the same 401 (it learns nothing about why); the audit row gets the
 * precise `reason` and the organisation the credential claimed, when it named one.
 */
export class AuthFailure extends GatewayError {
  constructor(
    readonly reason: string,
    readonly claimedOrgId: string | null = null,
    readonly actor = 'anonymous',
  ) {
    super(
      401,
      'UNAUTHENTICATED',
      'Missing, invalid, expired or revoked credential',
      {},
      { 'WWW-Authenticate': 'Bearer' },
    );
  }
}
