import { Inject, Injectable, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { Redis } from 'ioredis';
import { APP_CONFIG } from '../config/tokens.js';
import type { BaseConfig } from '../config/base-config.js';
import { backoffDelay, RECONNECT_BACKOFF } from '../retry/backoff.js';

/**
 * ioredis retries forever as long as `retryStrategy` returns a number: capped exponential backoff with jitter (the
 * platform's one policy), so every replica does not hammer a Redis that comes back at the same instant.
 */
export const redisRetryStrategy = (times: number): number => backoffDelay(times, RECONNECT_BACKOFF);

/** Injection token of the process's shared ioredis client: `@Inject(REDIS) redis: Redis`. */
export const REDIS = Symbol('REDIS');

/**
 * Connection options for BullMQ queues and workers. BullMQ needs `maxRetriesPerRequest: null` (its blocking commands
 * must wait through a reconnect instead of failing).
 */
export function bullmqConnection(config: Pick<BaseConfig, 'REDIS_URL'>) {
  const u = new URL(config.REDIS_URL);
  return {
    host: u.hostname,
    port: Number(u.port || 6379),
    username: u.username ? decodeURIComponent(u.username) : undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    db: u.pathname.length > 1 ? Number(u.pathname.slice(1)) : undefined,
    tls: u.protocol === 'rediss:' ? {} : undefined,
    maxRetriesPerRequest: null,
    retryStrategy: redisRetryStrategy,
  };
}

export function createRedis(config: Pick<BaseConfig, 'REDIS_URL'>, name: string): Redis {
  // `duplicate()` copies these options, so connections derived from this one retry the same way.
  return new Redis(config.REDIS_URL, {
    maxRetriesPerRequest: null,
    connectionName: name,
    lazyConnect: false,
    retryStrategy: redisRetryStrategy,
  });
}

@Injectable()
class RedisCloser implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.redis.status === 'end') return;
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

/** Global: provides `REDIS` (needs `APP_CONFIG`), quits it when the app shuts down. */
@Module({})
export class RedisModule {
  static forRoot(name: string): DynamicModule {
    return {
      module: RedisModule,
      global: true,
      providers: [
        { provide: REDIS, useFactory: (config: BaseConfig) => createRedis(config, name), inject: [APP_CONFIG] },
        RedisCloser,
      ],
      exports: [REDIS],
    };
  }
}
