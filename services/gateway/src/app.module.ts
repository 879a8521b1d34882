import { Module, type DynamicModule, type Type } from '@nestjs/common';
import { PlatformModule } from '@fleetward/platform';
import { configSchema } from './config.js';
import { ConsoleModule } from './console/console.module.js';
import { GatewayModule } from './gateway.module.js';
import { HealthRoutesModule } from './health/health-routes.module.js';
import { InventoryRoutesModule } from './inventory/inventory-routes.module.js';
import { LifecycleRoutesModule } from './lifecycle/lifecycle-routes.module.js';
import { NotifierRoutesModule } from './notifier/notifier-routes.module.js';

/** The gateway service's feature modules: add each new one to this list. */
const featureModules: Array<Type<unknown> | DynamicModule> = [
  GatewayModule,
  ConsoleModule,
  InventoryRoutesModule,
  HealthRoutesModule,
  LifecycleRoutesModule,
  NotifierRoutesModule,
];

@Module({
  imports: [PlatformModule.forService({ name: 'gateway', configSchema, entities: [] }), ...featureModules],
})
export class AppModule {}
