import { ServerNats } from '@nestjs/microservices';
import type { NatsConnection, Subscription } from '@nats-io/transport-node';
import type { INestApplication } from '@nestjs/common';
import { LivenessService } from '../health/liveness.service.js';
import { ReadinessService } from '../health/readiness.service.js';
import { natsOptionsFor, type NatsTarget } from '../nats/connection-options.js';
import { closeGracefully, NatsConnectionState } from '../nats/connection-state.js';

/**
 * Nest's NATS request/reply server with the platform's connection options (it reconnects forever, queue group
 * `fleetward-<service>`), and a close that lets requests in flight answer: Nest's own `close()` closes the
 * connection at once, so a request being handled at SIGTERM would never get its reply.
 */
export class RpcServer extends ServerNats {
  private readonly inFlight = new Set<Promise<unknown>>();
  /** The connection's state once listening. */
  link?: NatsConnectionState;

  constructor(target: NatsTarget, queue: string) {
    super({ ...natsOptionsFor(target), queue });
  }

  /** The underlying connection once listening (for liveness: closed for good means restart). */
  get connection(): NatsConnection | null {
    return (this as unknown as { natsClient: NatsConnection | null }).natsClient;
  }

  private get subs(): Subscription[] {
    return (this as unknown as { subscriptions: Subscription[] }).subscriptions;
  }

  override async listen(callback: (...optionalParams: unknown[]) => unknown): Promise<void> {
    await super.listen((err?: unknown) => {
      if (!err && this.connection) this.link = new NatsConnectionState(this.connection);
      return callback(err);
    });
  }

  /** `/readyz` says `rpc` when this connection is down; `/healthz` fails when it closed for good. */
  registerHealth(app: INestApplication): void {
    app.get(ReadinessService, { strict: false }).register('rpc', async () => {
      if (this.link && this.link.state !== 'connected') throw new Error(this.link.describe());
    });
    app
      .get(LivenessService, { strict: false })
      .register('rpc', () => (this.link?.failed ? this.link.describe() : undefined));
  }

  override async handleMessage(channel: string, natsMsg: Parameters<ServerNats['handleMessage']>[1]): Promise<unknown> {
    const handling = super.handleMessage(channel, natsMsg);
    this.inFlight.add(handling);
    try {
      return await handling;
    } finally {
      this.inFlight.delete(handling);
    }
  }

  /** Stops taking requests, waits for the ones in flight (up to `waitMs`), then drains the connection. */
  override async close(waitMs = 10_000): Promise<void> {
    const nc = this.connection;
    if (!nc) return;
    this.link?.closing();
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise((resolve) => (timer = setTimeout(resolve, waitMs)));
    // Connected: drain, not unsubscribe, so requests already delivered to this client are still handled. Down: a
    // drain would wait for the reconnect; nothing more can arrive anyway.
    const connected = !this.link || this.link.state === 'connected';
    if (!connected) this.subs.forEach((sub) => sub.unsubscribe());
    const drained = connected ? Promise.allSettled(this.subs.map((sub) => sub.drain())) : Promise.resolve();
    await Promise.race([drained.then(() => Promise.allSettled([...this.inFlight])), deadline]);
    clearTimeout(timer);
    if (this.link) await closeGracefully(nc, this.link).catch(() => nc.close());
    else if (!nc.isClosed()) await nc.close();
    await super.close();
  }
}
