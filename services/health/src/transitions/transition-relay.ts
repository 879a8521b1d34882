import { Logger } from '@nestjs/common';
import type { Transition } from './transition.js';
import type { TransitionStream } from './transition-stream.js';

/** Something that makes transitions durable elsewhere (JetStream events, uptime intervals). Must be idempotent. */
export interface TransitionSink {
  apply(transitions: Transition[]): Promise<void>;
}

export interface RelayOptions {
  batch: number;
  blockMs: number;
  /** An entry claimed by a consumer that has not acked it for this long is taken over. */
  reclaimIdleMs: number;
}

/**
 * Moves transitions from the Redis stream to the sinks, acking only after every sink succeeded: a crash in between
 * re-delivers them, and the deterministic event ids make the repeat harmless.
 */
export class TransitionRelay {
  private readonly logger = new Logger(TransitionRelay.name);
  private stopped = false;
  private loop?: Promise<void>;
  private lastReclaim = 0;

  constructor(
    private readonly stream: TransitionStream,
    private readonly sinks: TransitionSink[],
    private readonly options: RelayOptions,
  ) {}

  async start(): Promise<void> {
    await this.stream.ensureGroup();
    this.loop = this.run();
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      try {
        let batch = await this.stream.read(this.options.batch, this.options.blockMs);
        if (batch.length === 0 && Date.now() - this.lastReclaim > this.options.reclaimIdleMs / 2) {
          this.lastReclaim = Date.now();
          batch = await this.stream.reclaim(this.options.reclaimIdleMs, this.options.batch);
        }
        if (batch.length === 0) continue;
        for (const sink of this.sinks) await sink.apply(batch);
        await this.stream.ack(batch.map((t) => t.entryId));
      } catch (err) {
        if (this.stopped) break;
        this.logger.error(`transition relay failed, will retry: ${String(err)}`);
        await new Promise((r) => setTimeout(r, 500));
        // an emptied Redis took the consumer group with it (NOGROUP, UNBLOCKED): recreating it is a no-op otherwise
        await this.stream.ensureGroup().catch(() => undefined);
      }
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.loop;
  }
}
