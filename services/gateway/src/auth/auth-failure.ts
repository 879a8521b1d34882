import { GatewayError } from '../http/gateway-error.js';

export interface AuthFailureOptions {
  /** Every organisation the refusal concerns, when several (each gets the audit row); default: `claimedOrgId`. */
  orgIds?: string[];
  /** A refusal the holder of a valid credential must be told about (an ambiguous identity), instead of the bare 401. */
  publicCode?: string;
  publicMessage?: string;
}

/**
 * A refused credential. The client sees the same 401 (it learns nothing about why) unless the refusal is one only the
 * credential's rightful holder can meet and act on; the audit row gets the precise `reason` and the organisation the
 * credential claimed, when it named one.
 */
export class AuthFailure extends GatewayError {
  readonly orgIds: string[];

  constructor(
    readonly reason: string,
    readonly claimedOrgId: string | null = null,
    readonly actor = 'anonymous',
    options: AuthFailureOptions = {},
  ) {
    super(
      401,
      options.publicCode ?? 'UNAUTHENTICATED',
      options.publicMessage ?? 'Missing, invalid, expired or revoked credential',
      {},
      { 'WWW-Authenticate': 'Bearer' },
    );
    this.orgIds = options.orgIds ?? (claimedOrgId ? [claimedOrgId] : []);
  }
}
