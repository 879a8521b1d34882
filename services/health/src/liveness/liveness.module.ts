import { Module } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import { APP_CONFIG, MessagingModule, REDIS } from '@fleetward/platform';
import { HealthEventHandlers } from '../devices/health-event-handlers.js';
import { ExpectedDevicesService } from '../devices/expected-devices.service.js';
import { DeviceDirectoryRepository } from '../directory/device-directory.repository.js';
import { ExpectedDeviceSourceRepository } from '../directory/expected-device-source.repository.js';
import { SiteDirectoryRepository } from '../directory/site-directory.repository.js';
import type { EngineOptions } from '../engine/engine-options.js';
import { HealthStore } from '../engine/health-store.js';
import { StateIntervalRepository } from '../uptime/state-interval.repository.js';
import { UptimeService } from '../uptime/uptime.service.js';
import { ENGINE_OPTIONS, engineOptionsFrom } from './engine-options.provider.js';
import { HealthEngineRunner } from './health-engine.runner.js';
import { HealthRpcController } from './health.rpc.controller.js';
import { LivenessQueryService } from './liveness-query.service.js';

/** Heartbeat ingest, deadline detection, expected devices, uptime and the RPCs that expose them. */
@Module({
  // transitions are made durable by the engine's Redis stream, not the Postgres outbox: no outbox relay
  imports: [MessagingModule.forRoot({ relay: false })],
  controllers: [HealthRpcController],
  providers: [
    { provide: ENGINE_OPTIONS, useFactory: engineOptionsFrom, inject: [APP_CONFIG] },
    {
      provide: HealthStore,
      useFactory: (redis: Redis, o: EngineOptions) => new HealthStore(redis, o),
      inject: [REDIS, ENGINE_OPTIONS],
    },
    {
      provide: DeviceDirectoryRepository,
      useFactory: (ds: DataSource) => new DeviceDirectoryRepository(ds),
      inject: [DataSource],
    },
    {
      provide: ExpectedDeviceSourceRepository,
      useFactory: (ds: DataSource) => new ExpectedDeviceSourceRepository(ds),
      inject: [DataSource],
    },
    {
      provide: SiteDirectoryRepository,
      useFactory: (ds: DataSource) => new SiteDirectoryRepository(ds),
      inject: [DataSource],
    },
    {
      provide: StateIntervalRepository,
      useFactory: (ds: DataSource) => new StateIntervalRepository(ds),
      inject: [DataSource],
    },
    {
      provide: ExpectedDevicesService,
      useFactory: (d: DeviceDirectoryRepository, s: HealthStore) => new ExpectedDevicesService(d, s),
      inject: [DeviceDirectoryRepository, HealthStore],
    },
    {
      provide: LivenessQueryService,
      useFactory: (s: HealthStore) => new LivenessQueryService(s),
      inject: [HealthStore],
    },
    {
      provide: UptimeService,
      useFactory: (i: StateIntervalRepository, d: DeviceDirectoryRepository) => new UptimeService(i, d),
      inject: [StateIntervalRepository, DeviceDirectoryRepository],
    },
    HealthEngineRunner,
    HealthEventHandlers,
  ],
})
export class LivenessModule {}
