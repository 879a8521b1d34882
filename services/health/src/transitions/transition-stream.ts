import type { Redis } from 'ioredis';
import { decodeTransition, type Transition } from './transition.js';

const GROUP = 'relay';

/**
 * The transition stream in Redis, written atomically by the Lua scripts with the state change that caused it: the
 * health service's outbox. Read through a consumer group, so an entry a crashed replica had claimed is re-claimed.
 */
export class TransitionStream {
  private readonly key: string;

  constructor(
    private readonly redis: Redis,
    prefix: string,
    private readonly consumer: string,
  ) {
    this.key = `${prefix}:out`;
  }

  async ensureGroup(): Promise<void> {
    try {
      await this.redis.xgroup('CREATE', this.key, GROUP, '0', 'MKSTREAM');
    } catch (err) {
      if (!String(err).includes('BUSYGROUP')) throw err;
    }
  }

  /** New entries for this consumer, waiting up to blockMs. */
  async read(count: number, blockMs: number): Promise<Transition[]> {
    const res = (await this.redis.xreadgroup(
      'GROUP',
      GROUP,
      this.consumer,
      'COUNT',
      count,
      'BLOCK',
      blockMs,
      'STREAMS',
      this.key,
      '>',
    )) as [string, [string, string[]][]][] | null;
    return this.decode(res?.[0]?.[1] ?? []);
  }

  /** Entries another consumer claimed and has not acked for minIdleMs (it crashed mid-publish). */
  async reclaim(minIdleMs: number, count: number): Promise<Transition[]> {
    const res = (await this.redis.xautoclaim(this.key, GROUP, this.consumer, minIdleMs, '0', 'COUNT', count)) as [
      string,
      [string, string[]][],
    ];
    return this.decode(res[1] ?? []);
  }

  async ack(entryIds: string[]): Promise<void> {
    if (entryIds.length === 0) return;
    await this.redis
      .multi()
      .xack(this.key, GROUP, ...entryIds)
      .xdel(this.key, ...entryIds)
      .exec();
  }

  private decode(entries: [string, string[]][]): Transition[] {
    const out: Transition[] = [];
    const unreadable: string[] = [];
    for (const [id, fields] of entries) {
      const t = fields ? decodeTransition(id, fields) : null;
      if (t) out.push(t);
      else unreadable.push(id);
    }
    // an entry no version of this code can read would otherwise be re-claimed forever
    if (unreadable.length > 0) void this.ack(unreadable).catch(() => undefined);
    return out;
  }
}
