import { Inject, Injectable, Optional, type OnModuleInit } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { Redis } from 'ioredis';
import type { DataSource } from 'typeorm';
import { NatsClient } from '../nats/nats-client.js';
import { REDIS } from '../redis/redis.module.js';
import { ReadinessService } from './readiness.service.js';

/** Registers the readiness checks for the connections the platform opened (only those present in the app). */
@Injectable()
export class PlatformChecks implements OnModuleInit {
  constructor(
    private readonly readiness: ReadinessService,
    @Optional() private readonly nats?: NatsClient,
    @Optional() @Inject(getDataSourceToken()) private readonly dataSource?: DataSource,
    @Optional() @Inject(REDIS) private readonly redis?: Redis,
  ) {}

  onModuleInit(): void {
    const { nats, dataSource, redis } = this;
    if (nats) {
      this.readiness.register('nats', async () => {
        if (nats.nc.isClosed()) throw new Error('connection closed');
        await nats.nc.flush();
      });
    }
    if (dataSource) this.readiness.register('postgres', () => dataSource.query('SELECT 1'));
    if (redis) {
      this.readiness.register('redis', async () => {
        // A connection still being set up (just after boot, or reconnecting) gets the check's time budget to finish.
        if (redis.status === 'connecting' || redis.status === 'connect' || redis.status === 'reconnecting') {
          await new Promise((resolve) => redis.once('ready', resolve));
        }
        if (redis.status !== 'ready') throw new Error(`connection ${redis.status}`);
        await redis.ping();
      });
    }
  }
}
