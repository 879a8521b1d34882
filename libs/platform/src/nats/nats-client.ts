import { Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { jetstream, jetstreamManager, type JetStreamClient, type JetStreamManager } from '@nats-io/jetstream';
import { natsOptionsFor, type NatsTarget } from './connection-options.js';
import { closeGracefully, NatsConnectionState } from './connection-state.js';

/** The service's config (or server URLs, e.g. `nats://127.0.0.1:4222`) and the connection's name (`fleetward-<service>`). */
export type NatsClientOptions = NatsTarget;

/**
 * One NATS connection per process with its JetStream client and manager, made with `natsConnectionOptions` (it
 * reconnects forever). `link` says whether it is connected now and whether it closed for good.
 *
 * The connection drains in `beforeApplicationShutdown`, i.e. after every `onModuleDestroy` hook has run, so durable
 * consumers and the outbox relay (which stop in `onModuleDestroy`) can still ack and publish while they finish.
 */
@Injectable()
export class NatsClient implements BeforeApplicationShutdown {
  private readonly logger = new Logger(NatsClient.name);
  private drained?: Promise<void>;
  readonly link: NatsConnectionState;

  constructor(
    readonly nc: NatsConnection,
    readonly js: JetStreamClient,
    readonly jsm: JetStreamManager,
  ) {
    this.link = new NatsConnectionState(nc);
  }

  static async connect(options: NatsClientOptions): Promise<NatsClient> {
    const nc = await connect(natsOptionsFor(options));
    try {
      const jsm = await jetstreamManager(nc);
      return new NatsClient(nc, jetstream(nc), jsm);
    } catch (err) {
      await nc.close();
      throw err;
    }
  }

  /**
   * Flushes pending publishes and acks, then closes. Safe to call more than once. While disconnected it closes at
   * once: a drain would wait for a reconnect that may never come before the shutdown deadline (unacked messages are
   * redelivered, unpublished outbox rows stay in Postgres).
   */
  drain(): Promise<void> {
    this.link.closing();
    this.drained ??= closeGracefully(this.nc, this.link).catch((err: unknown) => {
      this.logger.warn(`NATS drain failed: ${err instanceof Error ? err.message : String(err)}`);
    });
    return this.drained;
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.drain();
  }
}
