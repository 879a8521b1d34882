import { Logger } from '@nestjs/common';
import type { RpcDefinition, RpcReply } from '@fleetward/contracts';
import type { z } from 'zod';
import type { Caller } from '@fleetward/contracts';
import { verifyRpcCaller } from '../caller/rpc-callers.js';
import { withCorrelation } from '../logging/correlation.js';
import { DomainError } from './domain-error.js';

const logger = new Logger('Rpc');

/**
 * The body of every `@MessagePattern(def.pattern)` handler: verifies the request's caller assertion first (FORBIDDEN
 * `CALLER_ASSERTION_INVALID` when it is missing, forged, expired, replayed, for another service, or names another
 * caller than the payload's `caller`; logged and counted, `fn` never runs), validates the request with the
 * definition's schema (INVALID with the zod issues in `details`), runs `fn` under the caller's correlation id with the
 * verified caller, checks the response against the contract and maps errors to an `RpcReply` (a `DomainError` keeps
 * its code; anything else is INTERNAL and logged, its message not leaked).
 */
export async function handleRpc<D extends RpcDefinition>(
  def: D,
  payload: unknown,
  fn: (request: z.output<D['request']>) => Promise<z.input<D['response']>> | z.input<D['response']>,
): Promise<RpcReply<z.output<D['response']>>> {
  let verified: Caller;
  try {
    verified = await withCorrelation(correlationOf(payload), () => verifyRpcCaller(def.pattern, payload));
  } catch (err) {
    if (err instanceof DomainError) return failure(err);
    throw err;
  }
  const parsed = def.request.safeParse(payload);
  if (!parsed.success) {
    return withCorrelation(correlationOf(payload), () => {
      logger.warn(`${def.pattern}: invalid request`);
      return failure(
        new DomainError('INVALID', 'INVALID_REQUEST', 'The request does not match its schema', parsed.error.issues),
      );
    });
  }
  const request = { ...(parsed.data as object), caller: verified } as z.output<D['request']>;
  return withCorrelation(correlationOf(request), async () => {
    try {
      const result = await fn(request);
      const checked = def.response.safeParse(result);
      if (!checked.success) {
        logger.error(`${def.pattern}: response breaks its contract: ${checked.error.message}`);
        return failure(new DomainError('INTERNAL', 'INVALID_RESPONSE', 'The service produced an invalid response'));
      }
      return { ok: true as const, data: checked.data as z.output<D['response']> };
    } catch (err) {
      if (err instanceof DomainError) return failure(err);
      logger.error(
        `${def.pattern} failed: ${err instanceof Error ? err.message : String(err)}`,
        err instanceof Error ? err.stack : undefined,
      );
      return failure(new DomainError('INTERNAL', 'INTERNAL_ERROR', 'Internal error'));
    }
  });
}

function failure(err: DomainError): { ok: false; error: ReturnType<DomainError['toRpcError']> } {
  return { ok: false, error: err.toRpcError() };
}

function correlationOf(payload: unknown): string | undefined {
  const caller = (payload as { caller?: { correlationId?: unknown } } | null)?.caller;
  return typeof caller?.correlationId === 'string' ? caller.correlationId : undefined;
}
