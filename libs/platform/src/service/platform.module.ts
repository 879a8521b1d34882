import { Module, type DynamicModule } from '@nestjs/common';
import { Streams } from '@fleetward/contracts';
import { callerProviders, signerFrom } from '../caller/caller.providers.js';
import { CallerVerifier } from '../caller/caller-verifier.js';
import type { BaseConfig } from '../config/base-config.js';
import { loadConfig } from '../config/load-config.js';
import { APP_CONFIG } from '../config/tokens.js';
import { DatabaseModule } from '../database/database.module.js';
import { HealthModule } from '../health/health.module.js';
import { NatsModule } from '../nats/nats.module.js';
import { RedisModule } from '../redis/redis.module.js';
import { RpcClient } from '../rpc/rpc-client.js';
import type { PlatformServiceOptions } from './platform-options.js';
import { REQUIRED_STREAMS, StreamCheck } from './stream-check.js';

/**
 * Everything a service needs from the platform, global to the app: `APP_CONFIG`, the NATS client, the TypeORM
 * DataSource (app role, schema DB_SCHEMA), `REDIS`, health/readiness/metrics endpoints, `RpcClient` (minting caller assertions when the config has
 * CALLER_SIGNING_KEY), the `CallerVerifier` of this service (also registered for `handleRpc`), and the boot
 * check that the JetStream streams exist. Import once, first, in the service's AppModule.
 */
@Module({})
export class PlatformModule {
  static forService(options: PlatformServiceOptions): DynamicModule {
    const { name } = options;
    return {
      module: PlatformModule,
      global: true,
      imports: [
        NatsModule.forRootAsync({
          useFactory: (config: BaseConfig) => ({ config, name: `fleetward-${name}` }),
          inject: [APP_CONFIG],
        }),
        DatabaseModule.forRoot({ entities: options.entities ?? [], migrations: options.migrations }),
        RedisModule.forRoot(`fleetward-${name}`),
        HealthModule.forService(name),
      ],
      providers: [
        // Parsed again here (cheap) so the module also works outside runService, e.g. in a test's TestingModule.
        { provide: APP_CONFIG, useFactory: () => loadConfig(options.configSchema, options.env) },
        { provide: REQUIRED_STREAMS, useValue: options.streams ?? [Streams.events.name, Streams.dlq.name] },
        StreamCheck,
        ...callerProviders(name),
        {
          provide: RpcClient,
          useFactory: (config: BaseConfig) =>
            RpcClient.connect({ config, name: `fleetward-${name}-rpc-client`, signer: signerFrom(config) }),
          inject: [APP_CONFIG],
        },
      ],
      exports: [APP_CONFIG, RpcClient, CallerVerifier],
    };
  }
}
