import { Inject, Injectable, Optional, type OnModuleInit } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { Redis } from 'ioredis';
import type { DataSource } from 'typeorm';
import { NatsClient } from '../nats/nats-client.js';
import { REDIS } from '../redis/redis.module.js';
import { LivenessService } from './liveness.service.js';
import { ReadinessService } from './readiness.service.js';

/**
 * Registers the readiness checks for the connections the platform opened (only those present in the app), and the
 * liveness check for the one that can fail for good (NATS closed). A connection that is down says so at once (its
 * state, not a command that would wait for the reconnect and time out); the readiness grace absorbs blips.
 */
@Injectable()
export class PlatformChecks implements OnModuleInit {
  constructor(
    private readonly readiness: ReadinessService,
    private readonly liveness: LivenessService,
    @Optional() private readonly nats?: NatsClient,
    @Optional() @Inject(getDataSourceToken()) private readonly dataSource?: DataSource,
    @Optional() @Inject(REDIS) private readonly redis?: Redis,
  ) {}

  onModuleInit(): void {
    const { nats, dataSource, redis } = this;
    if (nats) {
      this.readiness.register('nats', async () => {
        if (nats.link.state !== 'connected') throw new Error(nats.link.describe());
        await nats.nc.flush();
      });
      this.liveness.register('nats', () => (nats.link.failed ? nats.link.describe() : undefined));
    }
    if (dataSource) this.readiness.register('postgres', () => dataSource.query('SELECT 1'));
    if (redis) {
      this.readiness.register('redis', async () => {
        // A connection being set up (just after boot, or a reconnect's dial) gets the check's time budget to finish.
        if (redis.status === 'connecting' || redis.status === 'connect') {
          await new Promise((resolve) => redis.once('ready', resolve));
        }
        if (redis.status !== 'ready') throw new Error(`connection ${redis.status}`);
        await redis.ping();
      });
    }
  }
}
