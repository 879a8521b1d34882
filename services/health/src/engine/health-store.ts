import type { Redis } from 'ioredis';
import { bucketOf, decodeLiveness, type DeviceLiveness } from './device-liveness.js';
import type { EngineOptions } from './engine-options.js';
import { CLAIM_LUA } from './lua/claim.lua.js';
import { INGEST_LUA } from './lua/ingest.lua.js';
import { FORGET_LUA, REGISTER_LUA, TICK_LUA } from './lua/membership.lua.js';

/** A device the inventory expects heartbeats from. Devices without a site share the pseudo-site `-`. */
export interface ExpectedDevice {
  deviceId: string;
  siteId: string;
  thresholdMs: number;
  intervalMs: number;
}

type Args = (string | number)[];
interface ScriptedRedis extends Redis {
  hbIngest(...args: Args): Promise<[number, number]>;
  hbClaim(...args: Args): Promise<[number, number]>;
  hbRegister(...args: Args): Promise<number>;
  hbForget(...args: Args): Promise<number>;
  hbTick(...args: Args): Promise<[number, number]>;
}

/** The only code that touches the liveness data in Redis; all decisions happen in atomic scripts. */
export class HealthStore {
  private readonly redis: ScriptedRedis;

  constructor(
    redis: Redis,
    readonly options: EngineOptions,
  ) {
    this.redis = redis as ScriptedRedis;
    const scripts = {
      hbIngest: INGEST_LUA,
      hbClaim: CLAIM_LUA,
      hbRegister: REGISTER_LUA,
      hbForget: FORGET_LUA,
      hbTick: TICK_LUA,
    };
    for (const [name, lua] of Object.entries(scripts)) {
      if (!(name in this.redis)) this.redis.defineCommand(name, { numberOfKeys: 0, lua });
    }
  }

  get prefix(): string {
    return this.options.keyPrefix;
  }

  private head(orgId: string, now: number): Args {
    return [this.options.keyPrefix, orgId, now, this.options.stateBuckets];
  }

  /** `pairs` is deviceId, fault ('-' when none), repeated. */
  async ingest(orgId: string, now: number, pairs: string[]): Promise<{ accepted: number; unknown: number }> {
    const o = this.options;
    const args: Args = [...this.head(orgId, now), o.stayUpMs, o.flapWindowMs, o.flapCount];
    for (let i = 0; i + 1 < pairs.length; i += 2)
      args.push(pairs[i]!, pairs[i + 1]!, bucketOf(pairs[i]!, o.stateBuckets));
    const [accepted, unknown] = await this.redis.hbIngest(...args);
    return { accepted, unknown };
  }

  async claimDue(orgId: string, now: number): Promise<{ claimed: number; next: number | null }> {
    const o = this.options;
    const [claimed, next] = await this.redis.hbClaim(
      ...this.head(orgId, now),
      o.claimLimit,
      o.siteHoldMs,
      o.siteShare,
      o.siteMinDevices,
      o.siteWindowMs,
      o.gapToleranceMs,
      o.stayUpMs,
    );
    return { claimed, next: next < 0 ? null : next };
  }

  /** Organisations with a deadline at or before `upTo` (hints: a hint may be early, never late). */
  async dueOrgs(upTo: number, limit = 500): Promise<string[]> {
    return this.redis.zrangebyscore(`${this.prefix}:next`, '-inf', upTo, 'LIMIT', 0, limit);
  }

  async nextHint(): Promise<number | null> {
    const first = await this.redis.zrange(`${this.prefix}:next`, 0, 0, 'WITHSCORES');
    return first[1] === undefined ? null : Number(first[1]);
  }

  async register(orgId: string, device: ExpectedDevice, now: number): Promise<boolean> {
    return (await this.registerMany(orgId, [device], now)) === 1;
  }

  /** Registers or updates many devices in one script call; returns how many were new. */
  async registerMany(orgId: string, devices: ExpectedDevice[], now: number): Promise<number> {
    const args: Args = this.head(orgId, now);
    for (const d of devices) args.push(d.deviceId, d.siteId, d.thresholdMs, d.intervalMs);
    return this.redis.hbRegister(...args);
  }

  async forget(orgId: string, deviceId: string, now: number): Promise<boolean> {
    return (await this.redis.hbForget(...this.head(orgId, now), deviceId)) === 1;
  }

  /** Marks input as flowing: `gap` when this tick ended a gap in the input, `sealed` false when the state is lost. */
  async tick(now: number): Promise<{ gap: boolean; sealed: boolean }> {
    const [gap, sealed] = await this.redis.hbTick(this.prefix, now, this.options.gapToleranceMs);
    return { gap: gap === 1, sealed: sealed === 1 };
  }

  private key(orgId: string, suffix: string): string {
    return `${this.prefix}:${orgId}:${suffix}`;
  }

  async device(orgId: string, deviceId: string): Promise<DeviceLiveness | null> {
    return (await this.devices(orgId, [deviceId]))[0] ?? null;
  }

  /** The given devices that are tracked, in the order given (one pipelined round trip). */
  async devices(orgId: string, deviceIds: readonly string[]): Promise<DeviceLiveness[]> {
    if (deviceIds.length === 0) return [];
    const pipe = this.redis.pipeline();
    for (const id of deviceIds) {
      pipe.hget(this.key(orgId, `st:${bucketOf(id, this.options.stateBuckets)}`), id);
      pipe.zscore(this.key(orgId, 'dl'), id);
    }
    const replies = (await pipe.exec()) ?? [];
    const out: DeviceLiveness[] = [];
    deviceIds.forEach((id, i) => {
      const [[e1, packed], [e2, score]] = [replies[2 * i]!, replies[2 * i + 1]!];
      if (e1 || e2) throw e1 ?? e2;
      if (packed !== null) out.push(decodeLiveness(id, packed as string, score === null ? null : Number(score)));
    });
    return out;
  }

  /** Every tracked device of an organisation (one read per state bucket, pipelined). */
  async allDevices(orgId: string): Promise<DeviceLiveness[]> {
    const pipe = this.redis.pipeline();
    for (let b = 0; b < this.options.stateBuckets; b++) pipe.hgetall(this.key(orgId, `st:${b}`));
    const [buckets, deadlines] = await Promise.all([
      pipe.exec(),
      this.redis.zrange(this.key(orgId, 'dl'), 0, -1, 'WITHSCORES'),
    ]);
    const score = new Map<string, number>();
    for (let i = 0; i + 1 < deadlines.length; i += 2) score.set(deadlines[i]!, Number(deadlines[i + 1]));
    const out: DeviceLiveness[] = [];
    for (const [err, fields] of buckets ?? []) {
      if (err) throw err;
      for (const [id, packed] of Object.entries(fields as Record<string, string>))
        out.push(decodeLiveness(id, packed, score.get(id) ?? null));
    }
    return out;
  }

  /** The sites of an organisation by index (devices store the index to stay small), with their roll-up flag. */
  async sites(orgId: string): Promise<Map<string, { siteId: string; unreachable: boolean }>> {
    const all = await this.redis.hgetall(this.key(orgId, 'sidx'));
    const entries = Object.entries(all).filter(([site]) => site !== '#');
    const pipe = this.redis.pipeline();
    for (const [, idx] of entries) pipe.hget(this.key(orgId, `site:${idx}`), 'u');
    const flags = (await pipe.exec()) ?? [];
    const out = new Map<string, { siteId: string; unreachable: boolean }>();
    entries.forEach(([siteId, idx], i) => out.set(idx, { siteId, unreachable: flags[i]?.[1] === '1' }));
    return out;
  }
}
