import type { NodeConnectionOptions } from '@nats-io/transport-node';
import type { BaseConfig } from '../config/base-config.js';
import { cappedBackoff, RECONNECT_BACKOFF } from '../retry/backoff.js';
import { natsServerOptions } from './nats-servers.js';

/** What a NATS connection of the platform is made from (the part of the config it reads). */
export type NatsConnectionConfig = Pick<BaseConfig, 'NATS_URL'>;

export type NatsConnectionOptions = NodeConnectionOptions & { servers: string[]; name: string; user?: string; pass?: string };

/**
 * THE options of every NATS connection the platform opens (NatsClient, the RPC server and the RPC client): the one
 * place where servers, reconnect policy and credentials are set.
 *
 * - servers and the account's user/password from NATS_URL (`natsServerOptions`: nats.js ignores credentials in URLs);
 * - `maxReconnectAttempts: -1`: never give up. nats.js stops after 10 attempts (~20 s) by default and the connection
 *   closes for good; a NATS rolling upgrade or a 30 s network blip would then take the process down until restarted.
 * - `waitOnFirstConnect`: a process started before NATS is reachable keeps trying instead of failing its boot.
 * - capped backoff with jitter (250 ms growing to 5 s, +20%; `cappedBackoff`), so replicas do not reconnect in step.
 * - pings every 10 s, 3 unanswered ones mark the connection stale: a silently dropped link (no RST) is noticed in
 *   about 30 s instead of the default 4 min.
 * - `noAsyncTraces`: without it every publish builds an Error stack up front, about half the publish CPU.
 */
export function natsConnectionOptions(config: NatsConnectionConfig, name: string): NatsConnectionOptions {
  return {
    ...natsServerOptions(config.NATS_URL),
    name,
    noAsyncTraces: true,
    maxReconnectAttempts: -1,
    waitOnFirstConnect: true,
    reconnectDelayHandler: cappedBackoff(RECONNECT_BACKOFF),
    pingInterval: 10_000,
    maxPingOut: 3,
  };
}

/** Where a connection goes: the service's config (always, in services), or bare server URLs (tests, tools). */
export type NatsTarget = { config: NatsConnectionConfig; name: string } | { servers: string | string[]; name: string };

/** `natsConnectionOptions` for either form of `NatsTarget`. */
export function natsOptionsFor(target: NatsTarget): NatsConnectionOptions {
  if ('config' in target) return natsConnectionOptions(target.config, target.name);
  const servers = Array.isArray(target.servers) ? target.servers.join(',') : target.servers;
  return natsConnectionOptions({ NATS_URL: servers }, target.name);
}
