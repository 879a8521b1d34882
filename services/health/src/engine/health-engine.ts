import type { NatsConnection } from '@nats-io/transport-node';
import type { Redis } from 'ioredis';
import { DeadlineDetector } from '../detector/deadline-detector.js';
import type { ExpectedDeviceSource } from '../directory/expected-device-source.repository.js';
import { HeartbeatIngest } from '../ingest/heartbeat-ingest.js';
import { defaultRebuildOptions, StateRebuilder, type RebuildOptions } from '../rebuild/state-rebuilder.js';
import { TransitionRelay, type TransitionSink } from '../transitions/transition-relay.js';
import { TransitionStream } from '../transitions/transition-stream.js';
import type { EngineOptions } from './engine-options.js';
import { HealthStore } from './health-store.js';
import { StateEpochStore } from './state-epoch.store.js';

/** No system of record: a lost state is only re-sealed (engines in tests that register devices themselves). */
const noDevices: ExpectedDeviceSource = { orgs: async () => [], page: async () => [] };

export interface HealthEngineDeps {
  nc: NatsConnection;
  redis: Redis;
  options: EngineOptions;
  /** Where transitions become durable (events, uptime intervals). */
  sinks: TransitionSink[];
  /** Unique per replica (names its share of the transition stream). */
  replicaId: string;
  /** Queue group of the heartbeat subscription. */
  queue: string;
  /** Where a lost state is rebuilt from (the device directory). */
  source?: ExpectedDeviceSource;
  rebuild?: RebuildOptions;
}

/**
 * One replica of the liveness engine: heartbeat ingest, deadline detector and transition relay over shared Redis
 * state. Start as many as you like against the same key prefix.
 */
export class HealthEngine {
  readonly store: HealthStore;
  readonly ingest: HeartbeatIngest;
  readonly detector: DeadlineDetector;
  readonly rebuilder: StateRebuilder;
  readonly epoch: StateEpochStore;
  private readonly relay: TransitionRelay;
  private readonly relayRedis: Redis;
  private connected = true;

  constructor(private readonly deps: HealthEngineDeps) {
    const o = deps.options;
    this.store = new HealthStore(deps.redis, o);
    this.ingest = new HeartbeatIngest(deps.nc, this.store, { flushIntervalMs: o.flushIntervalMs, queue: deps.queue });
    this.detector = new DeadlineDetector(this.store, { maxSleepMs: o.detectorMaxSleepMs, claimLimit: o.claimLimit });
    this.ingest.onFlushed = () => this.detector.poke();
    this.detector.inputConnected = () => this.connected && !deps.nc.isClosed();
    this.epoch = new StateEpochStore(deps.redis, o.keyPrefix, o.stateBuckets);
    this.rebuilder = new StateRebuilder(this.epoch, deps.source ?? noDevices, deps.rebuild ?? defaultRebuildOptions);
    this.ingest.onStateLost = () => this.rebuilder.notice();
    this.detector.stateCheck = () => this.rebuilder.check();
    // blocking stream reads need a connection of their own
    this.relayRedis = deps.redis.duplicate();
    const stream = new TransitionStream(this.relayRedis, o.keyPrefix, deps.replicaId);
    this.relay = new TransitionRelay(stream, deps.sinks, { batch: 500, blockMs: 200, reclaimIdleMs: 10_000 });
  }

  async start(): Promise<void> {
    void this.watchConnection();
    await this.relay.start();
    // a state lost while no replica ran is put back before heartbeats are taken, unless that outlasts bootWaitMs
    // (the startup probe): then it goes on in the background while the replica serves
    await this.rebuilder.check();
    await this.rebuilder.idle(this.rebuilder.options.bootWaitMs);
    this.ingest.start();
    this.detector.start();
  }

  private async watchConnection(): Promise<void> {
    for await (const s of this.deps.nc.status()) {
      if (s.type === 'disconnect') this.connected = false;
      if (s.type === 'reconnect') this.connected = true;
    }
  }

  async stop(): Promise<void> {
    await this.ingest.stop();
    await this.detector.stop();
    await this.rebuilder.idle();
    await this.relay.stop();
    await this.relayRedis.quit().catch(() => this.relayRedis.disconnect());
  }
}
