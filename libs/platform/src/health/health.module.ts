import { Module, type DynamicModule } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { HealthController } from './health.controller.js';
import { LivenessService } from './liveness.service.js';
import { HttpMetricsInterceptor } from './http-metrics.interceptor.js';
import { MetricsService } from './metrics.service.js';
import { PlatformChecks } from './platform-checks.js';
import { ReadinessService } from './readiness.service.js';

/** Global: `/healthz`, `/readyz`, `/metrics`, HTTP request metrics of every route, and the `ReadinessService` / `LivenessService` / `MetricsService` services extend. */
@Module({})
export class HealthModule {
  static forService(service: string): DynamicModule {
    MetricsService.setup(service);
    return {
      module: HealthModule,
      global: true,
      controllers: [HealthController],
      providers: [
        MetricsService,
        ReadinessService,
        LivenessService,
        PlatformChecks,
        { provide: APP_INTERCEPTOR, useClass: HttpMetricsInterceptor },
      ],
      exports: [MetricsService, ReadinessService, LivenessService],
    };
  }
}
