import type { Request } from 'express';
import type { Caller } from '@fleetward/contracts';

/** How the caller proved who they are; recorded in the audit log and used for the per-key rate limit. */
export interface Credential {
  kind: 'api-key' | 'jwt';
  /** The API key's id or the JWT subject: the rate-limit bucket. */
  id: string;
}

/** An Express request once the auth guard has run. */
export interface GatewayRequest extends Request {
  caller?: Caller;
  credential?: Credential;
  correlationId?: string;
}
