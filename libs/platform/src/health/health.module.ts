import { Module, type DynamicModule } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { HealthController } from './health.controller.js';
import { HttpMetricsInterceptor } from './http-metrics.interceptor.js';
import { MetricsService } from './metrics.service.js';
import { PlatformChecks } from './platform-checks.js';
import { ReadinessService } from './readiness.service.js';

/** Global: `/healthz`, `/readyz`, `/metrics`, HTTP request metrics of every route, and the `ReadinessService` / `MetricsService` services extend. */
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
        PlatformChecks,
        { provide: APP_INTERCEPTOR, useClass: HttpMetricsInterceptor },
      ],
      exports: [MetricsService, ReadinessService],
    };
  }
}
