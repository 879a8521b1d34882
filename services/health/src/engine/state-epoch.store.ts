import type { Redis } from 'ioredis';
import { bucketOf } from './device-liveness.js';
import type { ExpectedDevice } from './health-store.js';
import { RENEW_LUA, RESTORE_LUA, SEAL_LUA } from './lua/restore.lua.js';

/** A device to put back after a state loss; `offlineSince` > 0 when an offline interval of it is still open. */
export interface RestoredDevice extends ExpectedDevice {
  offlineSince: number;
}

type Args = (string | number)[];
interface EpochRedis extends Redis {
  hbRestore(...args: Args): Promise<number>;
  hbSeal(...args: Args): Promise<number>;
  hbRenew(...args: Args): Promise<number>;
}

/**
 * The state's generation marker and the rebuild lock (`<p>:epoch`, `<p>:rebuild`). Both live next to the state they
 * describe, so whatever empties the state empties them too: that is how a loss is noticed.
 */
export class StateEpochStore {
  private readonly redis: EpochRedis;

  constructor(
    redis: Redis,
    private readonly prefix: string,
    private readonly buckets: number,
  ) {
    this.redis = redis as EpochRedis;
    const scripts = { hbRestore: RESTORE_LUA, hbSeal: SEAL_LUA, hbRenew: RENEW_LUA };
    for (const [name, lua] of Object.entries(scripts)) {
      if (!(name in this.redis)) this.redis.defineCommand(name, { numberOfKeys: 0, lua });
    }
  }

  async sealed(): Promise<boolean> {
    return (await this.redis.exists(`${this.prefix}:epoch`)) === 1;
  }

  async epoch(): Promise<string | null> {
    return this.redis.get(`${this.prefix}:epoch`);
  }

  /** True while some replica holds the rebuild lock. */
  async rebuilding(): Promise<boolean> {
    return (await this.redis.exists(`${this.prefix}:rebuild`)) === 1;
  }

  async acquire(token: string, ttlMs: number): Promise<boolean> {
    return (await this.redis.set(`${this.prefix}:rebuild`, token, 'PX', ttlMs, 'NX')) === 'OK';
  }

  async renew(token: string, ttlMs: number): Promise<boolean> {
    return (await this.redis.hbRenew(this.prefix, token, ttlMs)) === 1;
  }

  /** Lets go of a lock without sealing (nothing to do, or the rebuild failed). */
  async release(token: string): Promise<void> {
    await this.redis.hbRenew(this.prefix, token, 0);
  }

  async seal(token: string, epoch: string): Promise<boolean> {
    return (await this.redis.hbSeal(this.prefix, token, epoch)) === 1;
  }

  /**
   * Restores devices of one organisation, `chunk` per script call; returns how many were added. Each call goes out as
   * soon as it is built (one connection pipelines them), so Redis runs one chunk while the next is prepared.
   */
  async restore(orgId: string, base: number, devices: RestoredDevice[], chunk = 1000): Promise<number> {
    // sorted by bucket, so the script writes each bucket's devices with one command
    const byBucket = devices.map((d) => ({ d, b: bucketOf(d.deviceId, this.buckets) })).sort((x, y) => x.b - y.b);
    const calls: Promise<number>[] = [];
    for (let i = 0; i < byBucket.length; i += chunk) {
      const args: Args = [this.prefix, orgId, Date.now(), this.buckets, base];
      for (const { d, b } of byBucket.slice(i, i + chunk))
        args.push(d.deviceId, d.siteId, d.thresholdMs, d.intervalMs, d.offlineSince, b);
      calls.push(this.redis.hbRestore(...args));
    }
    return (await Promise.all(calls)).reduce((a, n) => a + n, 0);
  }
}
