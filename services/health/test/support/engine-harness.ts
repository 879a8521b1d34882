import { randomUUID } from 'node:crypto';
import type { NatsConnection } from '@nats-io/transport-node';
import { connectTestNats, testNatsUrl } from '@fleetward/platform/testing';
import { Redis } from 'ioredis';
import { Subjects } from '@fleetward/contracts';
import type { ExpectedDeviceSource } from '../../src/directory/expected-device-source.repository.js';
import { HealthEngine } from '../../src/engine/health-engine.js';
import { defaultEngineOptions, type EngineOptions } from '../../src/engine/engine-options.js';
import type { Transition } from '../../src/transitions/transition.js';
import type { TransitionSink } from '../../src/transitions/transition-relay.js';

export const NATS_URL = testNatsUrl();
export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Records what the relay delivers, like the JetStream sink would publish it. */
export class CollectingSink implements TransitionSink {
  readonly seen: Transition[] = [];
  async apply(transitions: Transition[]): Promise<void> {
    this.seen.push(...transitions);
  }
  of(type: string, deviceId?: string): Transition[] {
    return this.seen.filter((t) => t.type === type && (deviceId === undefined || t.deviceId === deviceId));
  }
}

/** Short thresholds, a private Redis prefix and queue group, and helpers to drive heartbeats. */
export class EngineHarness {
  readonly prefix = `test:health:${randomUUID().slice(0, 8)}`;
  readonly queue = `hb-${randomUUID().slice(0, 8)}`;
  readonly orgId = `org-${randomUUID().slice(0, 8)}`;
  readonly options: EngineOptions;
  nc!: NatsConnection;
  redis!: Redis;
  private readonly engines: HealthEngine[] = [];

  constructor(overrides: Partial<EngineOptions> = {}) {
    this.options = {
      ...defaultEngineOptions,
      keyPrefix: this.prefix,
      stayUpMs: 0,
      gapToleranceMs: 600,
      siteHoldMs: 150,
      ...overrides,
    };
  }

  /** Where engines started from now on rebuild a lost state from (none: a lost state is only re-sealed). */
  source?: ExpectedDeviceSource;

  /** `redisUrl`: a private Redis the test may empty (see private-redis.ts); the shared one by default. */
  async open(redisUrl = REDIS_URL): Promise<void> {
    this.nc = await connectTestNats({ name: 'health-engine-harness' });
    this.redis = new Redis(redisUrl);
  }

  async startEngine(sink: TransitionSink): Promise<HealthEngine> {
    return this.startEngineWith([sink]);
  }

  async startEngineWith(sinks: TransitionSink[]): Promise<HealthEngine> {
    const engine = new HealthEngine({
      nc: this.nc,
      redis: this.redis,
      options: this.options,
      sinks,
      replicaId: `r-${randomUUID().slice(0, 8)}`,
      queue: this.queue,
      source: this.source,
    });
    await engine.start();
    this.engines.push(engine);
    return engine;
  }

  engine(i = 0): HealthEngine {
    return this.engines[i]!;
  }

  async stopEngine(engine: HealthEngine): Promise<void> {
    await engine.stop();
    this.engines.splice(this.engines.indexOf(engine), 1);
  }

  async register(
    deviceIds: string[],
    siteId: string,
    thresholdMs: number,
    intervalMs = thresholdMs / 3,
  ): Promise<void> {
    const store = this.engines[0]!.store;
    for (const deviceId of deviceIds)
      await store.register(this.orgId, { deviceId, siteId, thresholdMs, intervalMs }, Date.now());
  }

  beat(siteId: string, deviceIds: string[], faults?: string[]): void {
    const samples = deviceIds.map((deviceId) => (faults ? { deviceId, status: 'degraded', faults } : { deviceId }));
    this.nc.publish(
      Subjects.heartbeat(this.orgId, siteId),
      JSON.stringify({ orgId: this.orgId, siteId, sentAt: new Date().toISOString(), samples }),
    );
  }

  /** Publishes a heartbeat for the devices every `everyMs` until the returned function is called. */
  beatEvery(siteId: string, deviceIds: () => string[], everyMs: number): () => void {
    this.beat(siteId, deviceIds());
    const t = setInterval(() => this.beat(siteId, deviceIds()), everyMs);
    return () => clearInterval(t);
  }

  async close(): Promise<void> {
    for (const e of [...this.engines]) await e.stop();
    let cursor = '0';
    do {
      const [next, keys] = await this.redis.scan(cursor, 'MATCH', `${this.prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) await this.redis.del(...keys);
    } while (cursor !== '0');
    await this.redis.quit();
    await this.nc.drain();
  }
}
