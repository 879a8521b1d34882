import { Module, type DynamicModule, type Type } from '@nestjs/common';
import { PlatformModule } from '@fleetward/platform';
import { configSchema } from './config.js';
import { entities } from './entities.js';
import { LifecycleModule } from './lifecycle.module.js';
import { migrations } from './migrations/index.js';

/** The lifecycle service's feature modules: add each new one to this list. */
const featureModules: Array<Type<unknown> | DynamicModule> = [LifecycleModule];

@Module({
  imports: [PlatformModule.forService({ name: 'lifecycle', configSchema, entities, migrations }), ...featureModules],
})
export class AppModule {}
