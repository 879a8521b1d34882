import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { ClientProxyFactory, Transport, type ClientProxy } from '@nestjs/microservices';
import { rpcErrorSchema, type Caller, type RpcDefinition } from '@fleetward/contracts';
import { firstValueFrom, timeout, TimeoutError } from 'rxjs';
import type { z } from 'zod';
import { RPC_ASSERTION_FIELD, rpcAudience } from '../caller/caller-assertion.js';
import type { CallerSigner } from '../caller/caller-signer.js';
import { natsOptionsFor, type NatsTarget } from '../nats/connection-options.js';
import { DomainError } from './domain-error.js';

export const DEFAULT_RPC_TIMEOUT_MS = 5000;

/**
 * Calls a service's `@MessagePattern` over NATS request/reply (Nest's ClientProxy: requests travel inside Nest's own
 * `{pattern, data, id}` packet, so request fields named `id` or `data` are safe). With a signer, each request carries
 * a fresh caller assertion for its target service in `callerAssertion` (see docs/platform.md, "Caller assertions").
 * Returns the reply's data, or throws a `DomainError`: the service's, INVALID for a request that breaks its schema,
 * UNAVAILABLE when nobody answers in time.
 *
 * The reply's data is checked against the definition once, by the service that produced it (`handleRpc`, before it
 * replies), not again here: it comes from our own service over the internal bus, not from an untrusted client, and a
 * 50-device page costs ~2 ms to parse each time. Only the reply's envelope (`ok`, and a failure's error) is checked.
 */
@Injectable()
export class RpcClient implements OnApplicationShutdown {
  constructor(
    private readonly proxy: ClientProxy,
    private readonly signer?: CallerSigner,
  ) {}

  /**
   * Connects lazily (at the first call) with the platform's NATS options: it reconnects forever. `signer`: mints each
   * request's caller assertion (the gateway's); without one, services refuse every call.
   */
  static connect(target: NatsTarget & { signer?: CallerSigner }): RpcClient {
    const proxy = ClientProxyFactory.create({ transport: Transport.NATS, options: natsOptionsFor(target) });
    return new RpcClient(proxy, target.signer);
  }

  async call<D extends RpcDefinition>(
    def: D,
    request: z.input<D['request']>,
    options: { timeoutMs?: number } = {},
  ): Promise<z.output<D['response']>> {
    const valid = def.request.safeParse(request);
    if (!valid.success) {
      throw new DomainError('INVALID', 'INVALID_REQUEST', 'The request does not match its schema', valid.error.issues);
    }
    const timeoutMs = options.timeoutMs ?? DEFAULT_RPC_TIMEOUT_MS;
    const caller = (valid.data as { caller: Caller }).caller;
    const signed = this.signer
      ? { ...(request as object), [RPC_ASSERTION_FIELD]: await this.signer.mint(caller, rpcAudience(def.pattern)) }
      : request;
    let raw: unknown;
    try {
      raw = await firstValueFrom(this.proxy.send(def.pattern, signed).pipe(timeout(timeoutMs)));
    } catch (err) {
      if (err instanceof TimeoutError) {
        throw new DomainError('UNAVAILABLE', 'RPC_TIMEOUT', `${def.pattern} did not answer within ${timeoutMs} ms`);
      }
      // NATS tells at once when no server subscribes to the subject; Nest reports it as an EmptyResponseException
      // (not exported by the package, hence the name check).
      if (err instanceof Error && err.constructor.name === 'EmptyResponseException') {
        throw new DomainError('UNAVAILABLE', 'RPC_NO_RESPONDER', `nothing serves ${def.pattern}`);
      }
      throw new DomainError('UNAVAILABLE', 'RPC_FAILED', `${def.pattern} failed: ${messageOf(err)}`);
    }
    const reply = (typeof raw === 'object' ? raw : null) as { ok?: unknown; data?: unknown; error?: unknown } | null;
    if (reply?.ok === true && 'data' in reply) return reply.data as z.output<D['response']>;
    const error = reply?.ok === false ? rpcErrorSchema.safeParse(reply.error) : undefined;
    if (!error?.success) throw new DomainError('INTERNAL', 'INVALID_REPLY', `${def.pattern} sent a malformed reply`);
    throw DomainError.fromRpcError(error.data);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.proxy.close();
  }
}

function messageOf(err: unknown): string {
  if (err instanceof Error) return err.message;
  if (err && typeof err === 'object' && 'message' in err) return String((err as { message: unknown }).message);
  return String(err);
}
