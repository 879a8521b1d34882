import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { NatsClient } from '../nats/nats-client.js';
import { requireStreams } from '../nats/require-streams.js';

export const REQUIRED_STREAMS = Symbol('REQUIRED_STREAMS');

/** Refuses to start (the boot fails with `MissingStreamError` naming them) when a needed stream is absent. */
@Injectable()
export class StreamCheck implements OnApplicationBootstrap {
  constructor(
    private readonly nats: NatsClient,
    @Inject(REQUIRED_STREAMS) private readonly streams: readonly string[],
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await requireStreams(this.nats.jsm, this.streams);
  }
}
