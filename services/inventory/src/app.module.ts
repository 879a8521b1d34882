import { Module, type DynamicModule, type Type } from '@nestjs/common';
import { MessagingModule, PlatformModule } from '@fleetward/platform';
import { configSchema } from './config.js';
import { entities } from './entities.js';
import { InventoryModule } from './inventory.module.js';

/** The inventory service's feature modules: add each new one to this list. */
const featureModules: Array<Type<unknown> | DynamicModule> = [MessagingModule.forRoot(), InventoryModule];

@Module({
  imports: [PlatformModule.forService({ name: 'inventory', configSchema, entities }), ...featureModules],
})
export class AppModule {}
