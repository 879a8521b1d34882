import type { NatsConnection } from '@nats-io/transport-node';

export type NatsLinkState = 'connected' | 'disconnected' | 'closed';

/**
 * Follows a connection's status events: whether it is connected now, since when it is not, and whether it closed
 * without anyone asking (the one state it cannot recover from by itself: the process must restart).
 */
export class NatsConnectionState {
  private current: NatsLinkState = 'connected';
  private since = Date.now();
  private reconnects = 0;
  private intentional = false;
  /** Resolves with the error (if any) once the connection is closed for good. */
  readonly closed: Promise<Error | void>;

  constructor(private readonly nc: NatsConnection) {
    void this.watch();
    this.closed = nc.closed().then((err) => {
      this.set('closed');
      return err;
    });
  }

  get state(): NatsLinkState {
    return this.nc.isClosed() ? 'closed' : this.current;
  }

  /** A short phrase for readiness: `ok`-worthy when connected, else what is wrong and since when. */
  describe(): string {
    const seconds = ((Date.now() - this.since) / 1000).toFixed(1);
    if (this.state === 'closed') return `connection closed${this.intentional ? '' : ' (will not reconnect)'}`;
    if (this.state === 'disconnected') return `disconnected for ${seconds} s, reconnecting`;
    return 'connected';
  }

  get reconnectCount(): number {
    return this.reconnects;
  }

  /** Marks the coming close as asked for (drain at shutdown), so it is not read as a failure. */
  closing(): void {
    this.intentional = true;
  }

  /** Closed without a drain or close having been asked for through `closing()`. */
  get failed(): boolean {
    return this.state === 'closed' && !this.intentional;
  }

  private set(state: NatsLinkState): void {
    if (state === this.current) return;
    this.current = state;
    this.since = Date.now();
  }

  private async watch(): Promise<void> {
    for await (const s of this.nc.status()) {
      if (s.type === 'disconnect' || s.type === 'reconnecting' || s.type === 'staleConnection')
        this.set('disconnected');
      if (s.type === 'reconnect') {
        this.reconnects += 1;
        this.set('connected');
      }
    }
  }
}

/** Drains a connected connection; closes one that is down (a drain would wait for the reconnect). */
export async function closeGracefully(nc: NatsConnection, link: NatsConnectionState): Promise<void> {
  link.closing();
  if (nc.isClosed()) return;
  if (link.state === 'connected') await nc.drain();
  else await nc.close();
}
