import { Module, type DynamicModule, type Type } from '@nestjs/common';
import { PlatformModule } from '@fleetward/platform';
import { configSchema } from './config.js';
import { LivenessModule } from './liveness/liveness.module.js';
import { migrations } from './migrations/index.js';

/** The health service's feature modules: add each new one to this list. */
const featureModules: Array<Type<unknown> | DynamicModule> = [LivenessModule];

@Module({
  imports: [PlatformModule.forService({ name: 'health', configSchema, entities: [], migrations }), ...featureModules],
})
export class AppModule {}
