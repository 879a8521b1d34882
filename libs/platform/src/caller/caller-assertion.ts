import { roleSchema } from '@fleetward/contracts';
import { z } from 'zod';

/** `iss` of every caller assertion: only the gateway mints them. */
export const CALLER_ASSERTION_ISSUER = 'fleetward-gateway';
/** The JWS algorithm (Ed25519). Nothing else is accepted, so an `alg: none` or HMAC token is refused outright. */
export const CALLER_ASSERTION_ALG = 'EdDSA';
/** The JWS `typ`: a token minted for another purpose with the same key is not a caller assertion. */
export const CALLER_ASSERTION_TYP = 'fleetward-caller+jwt';
/** Where an RPC request carries its assertion, beside `caller` (a top-level field of the payload). */
export const RPC_ASSERTION_FIELD = 'callerAssertion';
/** The header that carries the assertion on a service's internal HTTP port. */
export const CALLER_ASSERTION_HEADER = 'x-fleetward-caller-assertion';
/** The `reason` of the FORBIDDEN answer to a request whose assertion is missing or not acceptable. */
export const CALLER_ASSERTION_INVALID = 'CALLER_ASSERTION_INVALID';
export { MAX_ASSERTION_LIFETIME_S } from '../config/caller-config.js';

/** The claims beyond the registered ones (`iss`, `aud` = the target service, `sub` = actor, `jti`, `iat`, `exp`). */
export const assertionClaimsSchema = z.object({
  sub: z.string().min(1),
  org: z.string().min(1),
  role: roleSchema,
  cid: z.string().min(1),
  jti: z.string().min(8),
  iat: z.number(),
  exp: z.number(),
});
export type AssertionClaims = z.infer<typeof assertionClaimsSchema>;

/** Why an assertion was refused: the `reason` label of the refusal counter and the `details.why` of the answer. */
export type RefusalReason =
  | 'missing'
  | 'malformed'
  | 'unknown-key'
  | 'bad-signature'
  | 'expired'
  | 'wrong-audience'
  | 'invalid-claims'
  | 'replayed'
  | 'caller-mismatch'
  | 'overloaded';

/** A refused assertion. Carries the reason only: what was wrong in detail stays in the service's log. */
export class CallerAssertionError extends Error {
  constructor(
    readonly why: RefusalReason,
    detail: string,
  ) {
    super(detail);
    this.name = 'CallerAssertionError';
  }
}

/** `fleet.rpc.<service>.<action>` -> `<service>`: the audience of an RPC's assertion. */
export function rpcAudience(pattern: string): string {
  return pattern.split('.')[2] ?? pattern;
}
