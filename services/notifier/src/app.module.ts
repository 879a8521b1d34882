import { Module, type DynamicModule, type Type } from '@nestjs/common';
import { PlatformModule } from '@fleetward/platform';
import { configSchema } from './config.js';
import { migrations } from './migrations/index.js';
import { NotifierModule } from './notifier.module.js';

/** The notifier service's feature modules: add each new one to this list. */
const featureModules: Array<Type<unknown> | DynamicModule> = [NotifierModule];

@Module({
  imports: [PlatformModule.forService({ name: 'notifier', configSchema, entities: [], migrations }), ...featureModules],
})
export class AppModule {}
