import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { APP_CONFIG, EventPublisher, NatsClient, ReadinessService, REDIS } from '@fleetward/platform';
import type { Config } from '../config.js';
import { DeviceDirectoryRepository } from '../directory/device-directory.repository.js';
import { ExpectedDeviceSourceRepository } from '../directory/expected-device-source.repository.js';
import { SiteDirectoryRepository } from '../directory/site-directory.repository.js';
import type { EngineOptions } from '../engine/engine-options.js';
import { HealthEngine } from '../engine/health-engine.js';
import { EventSink } from '../transitions/event-sink.js';
import { IntervalSink } from '../uptime/interval-sink.js';
import { StateIntervalRepository } from '../uptime/state-interval.repository.js';
import { ENGINE_OPTIONS } from './engine-options.provider.js';

/** Runs this replica's liveness engine for the lifetime of the Nest application. */
@Injectable()
export class HealthEngineRunner implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(HealthEngineRunner.name);
  readonly engine: HealthEngine;

  constructor(
    @Inject(APP_CONFIG) config: Config,
    @Inject(ENGINE_OPTIONS) options: EngineOptions,
    @Inject(REDIS) redis: Redis,
    nats: NatsClient,
    publisher: EventPublisher,
    directory: DeviceDirectoryRepository,
    siteDirectory: SiteDirectoryRepository,
    intervals: StateIntervalRepository,
    source: ExpectedDeviceSourceRepository,
    private readonly readiness: ReadinessService,
  ) {
    // intervals first: an event consumer reading history right after the event finds the interval
    const sinks = [new IntervalSink(intervals), new EventSink(publisher, directory, siteDirectory)];
    this.engine = new HealthEngine({
      nc: nats.nc,
      redis,
      options,
      sinks,
      replicaId: randomUUID(),
      queue: config.HEALTH_INGEST_QUEUE,
      source,
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    this.readiness.register('liveness-state', () => this.engine.rebuilder.readiness());
    await this.engine.start();
    this.logger.log('liveness engine started: ingesting heartbeats, detecting deadlines');
  }

  async onModuleDestroy(): Promise<void> {
    await this.engine.stop();
  }
}
