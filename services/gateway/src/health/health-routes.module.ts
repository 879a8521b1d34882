import { Module } from '@nestjs/common';
import { HealthController } from './health.controller.js';

/** The health service's HTTP routes: each one calls a `HealthRpc` with the authenticated caller. */
@Module({ controllers: [HealthController] })
export class HealthRoutesModule {}
