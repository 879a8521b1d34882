import type { Caller } from '@fleetward/contracts';
import { errors, jwtVerify, type JWTHeaderParameters } from 'jose';
import {
  assertionClaimsSchema,
  CALLER_ASSERTION_ALG,
  CALLER_ASSERTION_ISSUER,
  CALLER_ASSERTION_TYP,
  CallerAssertionError,
  MAX_ASSERTION_LIFETIME_S,
  type RefusalReason,
} from './caller-assertion.js';
import type { CallerKey } from './caller-keys.js';
import { ReplayCache } from './replay-cache.js';

/** Seconds of clock difference tolerated between the gateway's host and this one. */
const CLOCK_TOLERANCE_S = 2;

/**
 * Verifies caller assertions for one service (the audience): signature by a trusted key (`kid`), issuer, audience,
 * expiry, a lifetime of at most MAX_ASSERTION_LIFETIME_S, and a `jti` not seen before in this process. Returns the
 * caller the assertion names; throws `CallerAssertionError` with the reason otherwise.
 */
export class CallerVerifier {
  private readonly keys: Map<string, CallerKey['key']>;

  constructor(
    keys: CallerKey[],
    readonly audience: string,
    private readonly replays = new ReplayCache(),
  ) {
    this.keys = new Map(keys.map((k) => [k.kid, k.key]));
  }

  async verify(token: unknown): Promise<Caller> {
    if (typeof token !== 'string' || token.length === 0)
      throw new CallerAssertionError('missing', 'no caller assertion');
    let payload: unknown;
    try {
      ({ payload } = await jwtVerify(token, (header: JWTHeaderParameters) => this.keyFor(header), {
        algorithms: [CALLER_ASSERTION_ALG],
        issuer: CALLER_ASSERTION_ISSUER,
        audience: this.audience,
        typ: CALLER_ASSERTION_TYP,
        requiredClaims: ['sub', 'jti', 'iat', 'exp'],
        clockTolerance: CLOCK_TOLERANCE_S,
      }));
    } catch (err) {
      throw err instanceof CallerAssertionError ? err : new CallerAssertionError(reasonOf(err), messageOf(err));
    }
    const claims = assertionClaimsSchema.safeParse(payload);
    if (!claims.success) throw new CallerAssertionError('invalid-claims', claims.error.message);
    const { sub, org, role, cid, jti, iat, exp } = claims.data;
    if (exp - iat > MAX_ASSERTION_LIFETIME_S) {
      throw new CallerAssertionError('invalid-claims', `lifetime ${exp - iat} s exceeds ${MAX_ASSERTION_LIFETIME_S} s`);
    }
    const seen = this.replays.remember(jti, exp + CLOCK_TOLERANCE_S);
    if (seen === 'replayed') throw new CallerAssertionError('replayed', `jti ${jti} was already used`);
    if (seen === 'full') throw new CallerAssertionError('overloaded', 'the replay cache is full');
    return { orgId: org, role, actor: sub, correlationId: cid };
  }

  private keyFor(header: JWTHeaderParameters): CallerKey['key'] {
    const key = header.kid === undefined ? undefined : this.keys.get(header.kid);
    if (!key) throw new CallerAssertionError('unknown-key', `no trusted key with kid ${String(header.kid)}`);
    return key;
  }
}

function reasonOf(err: unknown): RefusalReason {
  if (err instanceof errors.JWTExpired) return 'expired';
  if (err instanceof errors.JWTClaimValidationFailed) return err.claim === 'aud' ? 'wrong-audience' : 'invalid-claims';
  if (err instanceof errors.JWSSignatureVerificationFailed) return 'bad-signature';
  return 'malformed';
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
