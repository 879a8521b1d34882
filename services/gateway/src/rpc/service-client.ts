import { Inject, Injectable, Logger } from '@nestjs/common';
import type { z } from 'zod';
import type { Caller, RpcDefinition } from '@fleetward/contracts';
import { APP_CONFIG, CALLER_ASSERTION_INVALID, RpcClient } from '@fleetward/platform';
import type { GatewaySettings } from '../gateway-settings.js';
import { GatewayError } from '../http/gateway-error.js';

type Params<D extends RpcDefinition> = Omit<z.input<D['request']>, 'caller'>;

/** The RPC client's transport failures (no domain answer at all), each with what a person should read. */
const transportFailures: Record<string, string> = {
  RPC_TIMEOUT: 'did not answer in time',
  RPC_NO_RESPONDER: 'is not running or not reachable',
  RPC_FAILED: 'could not be reached',
};

/** `fleet.rpc.<service>.<action>` -> `<service>`, for messages a person can act on. */
function serviceOf(pattern: string): string {
  return pattern.split('.')[2] ?? pattern;
}

/**
 * How gateway routes call a service: request/reply over NATS with the authenticated caller attached (org, role, actor,
 * correlation id) and a caller assertion signed for the target service (minted by the platform's RpcClient). Returns the reply's data or throws: a typed error reply becomes its HTTP status via the problem
 * filter; a service that does not answer in time becomes 503 `SERVICE_UNAVAILABLE`, never a hang.
 */
@Injectable()
export class ServiceClient {
  private readonly logger = new Logger(ServiceClient.name);
  private readonly timeoutMs: number;

  constructor(
    private readonly rpc: RpcClient,
    @Inject(APP_CONFIG) config: GatewaySettings,
  ) {
    this.timeoutMs = config.RPC_TIMEOUT_MS;
  }

  async call<D extends RpcDefinition>(
    def: D,
    params: Params<D>,
    caller: Caller,
    options: { timeoutMs?: number } = {},
  ): Promise<z.output<D['response']>> {
    const request = { ...params, caller } as z.input<D['request']>;
    try {
      return await this.rpc.call(def, request, { timeoutMs: options.timeoutMs ?? this.timeoutMs });
    } catch (err) {
      const reason = (err as { reason?: unknown }).reason;
      if (reason === CALLER_ASSERTION_INVALID) throw this.refusedAssertion(def.pattern);
      const why = typeof reason === 'string' ? transportFailures[reason] : undefined;
      if (why) {
        const service = serviceOf(def.pattern);
        throw new GatewayError(503, 'SERVICE_UNAVAILABLE', `The ${service} service ${why}; try again shortly`, {
          service,
        });
      }
      throw err;
    }
  }

  /**
   * A service refused the gateway's own signed caller: its CALLER_VERIFY_KEYS do not hold this gateway's key (or the
   * clocks differ by more than seconds). Not the client's fault, so not a 403: a 500 and an error line to act on.
   */
  private refusedAssertion(pattern: string): GatewayError {
    const service = serviceOf(pattern);
    this.logger.error(
      `${service} refused this gateway's caller assertion on ${pattern}: check CALLER_VERIFY_KEYS and clocks`,
    );
    return new GatewayError(500, 'INTERNAL', `The ${service} service refused the gateway's identity`, { service });
  }
}
