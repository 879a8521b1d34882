import type { Caller } from '@fleetward/contracts';
import { DomainError } from '../rpc/domain-error.js';
import {
  CALLER_ASSERTION_INVALID,
  CallerAssertionError,
  RPC_ASSERTION_FIELD,
  rpcAudience,
} from './caller-assertion.js';
import { recordRefusal } from './caller-refusals.js';
import type { CallerVerifier } from './caller-verifier.js';

/**
 * The verifier of each service served by this process, by name (the audience of its RPCs). `handleRpc` is called with
 * the definition and the payload only, by ~80 handlers; it finds the verifier here from the pattern
 * (`fleet.rpc.<service>.<action>`) rather than every handler passing one. `PlatformModule.forService` registers its
 * service's verifier at boot; a pattern whose service has none is refused (fail closed).
 */
const verifiers = new Map<string, CallerVerifier>();

export function registerRpcVerifier(verifier: CallerVerifier): () => void {
  verifiers.set(verifier.audience, verifier);
  return () => {
    if (verifiers.get(verifier.audience) === verifier) verifiers.delete(verifier.audience);
  };
}

/** The refusal every missing or unacceptable assertion gets: one answer, whatever was wrong (the log says what). */
export function callerAssertionRefused(): DomainError {
  return new DomainError('FORBIDDEN', CALLER_ASSERTION_INVALID, 'The request carries no valid caller assertion');
}

/**
 * Verifies an RPC request's assertion and checks that the payload's `caller` is the one it names (another org, role,
 * actor or correlation id in the payload than in the assertion is refused). Returns the verified caller.
 */
export async function verifyRpcCaller(pattern: string, payload: unknown): Promise<Caller> {
  const body = (typeof payload === 'object' && payload !== null ? payload : {}) as Record<string, unknown>;
  const claimed = (
    typeof body['caller'] === 'object' && body['caller'] !== null ? body['caller'] : {}
  ) as Partial<Caller>;
  const audience = rpcAudience(pattern);
  try {
    const verifier = verifiers.get(audience);
    if (!verifier) throw new CallerAssertionError('unknown-key', `no verifier is registered for ${audience}`);
    const caller = await verifier.verify(body[RPC_ASSERTION_FIELD]);
    const differs = (['orgId', 'role', 'actor', 'correlationId'] as const).filter((k) => claimed[k] !== caller[k]);
    if (differs.length > 0) {
      throw new CallerAssertionError(
        'caller-mismatch',
        `payload caller differs from the assertion in ${differs.join(', ')}`,
      );
    }
    return caller;
  } catch (err) {
    if (!(err instanceof CallerAssertionError)) throw err;
    recordRefusal(err, { via: 'rpc', target: pattern, claimedOrg: claimed.orgId });
    throw callerAssertionRefused();
  }
}
