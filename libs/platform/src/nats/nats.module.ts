import { Module, type DynamicModule, type InjectionToken } from '@nestjs/common';
import { NatsClient, type NatsClientOptions } from './nats-client.js';

export interface NatsModuleAsyncOptions {
  useFactory: (...args: never[]) => NatsClientOptions | Promise<NatsClientOptions>;
  inject?: InjectionToken[];
}

/** Global module providing the process's `NatsClient` (connected before the app starts, drained at shutdown). */
@Module({})
export class NatsModule {
  static forRootAsync(options: NatsModuleAsyncOptions): DynamicModule {
    return {
      module: NatsModule,
      global: true,
      providers: [
        {
          provide: NatsClient,
          useFactory: async (...args: never[]) => NatsClient.connect(await options.useFactory(...args)),
          inject: options.inject ?? [],
        },
      ],
      exports: [NatsClient],
    };
  }

  static forRoot(options: NatsClientOptions): DynamicModule {
    return NatsModule.forRootAsync({ useFactory: () => options });
  }
}
