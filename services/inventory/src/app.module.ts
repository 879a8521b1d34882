import { Module, type DynamicModule, type Type } from '@nestjs/common';
import { PlatformModule } from '@fleetward/platform';
import { configSchema } from './config.js';
import { entities } from './entities.js';

/** The inventory service's feature modules: add each new one to this list. */
const featureModules: Array<Type<unknown> | DynamicModule> = [];

@Module({
  imports: [PlatformModule.forService({ name: 'inventory', configSchema, entities }), ...featureModules],
})
export class AppModule {}
