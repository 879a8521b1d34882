import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, register, type Registry } from 'prom-client';

export const METRIC_PREFIX = 'fleetward_';

/**
 * The process's Prometheus registry (prom-client's default one, so metrics created anywhere in the platform, e.g.
 * the messaging counters, are exported too). Every series carries `service`. Modules register their own metrics
 * with `new Counter({ name: 'fleetward_...', registers: [metrics.registry] })` or on the default registry.
 */
@Injectable()
export class MetricsService {
  readonly registry: Registry = register;

  /** Idempotent: a second service module in one process (tests) keeps the first one's default metrics. */
  static setup(service: string): void {
    register.setDefaultLabels({ service });
    if (!register.getSingleMetric(`${METRIC_PREFIX}process_cpu_seconds_total`)) {
      collectDefaultMetrics({ register, prefix: METRIC_PREFIX });
    }
  }

  contentType(): string {
    return this.registry.contentType;
  }

  render(): Promise<string> {
    return this.registry.metrics();
  }
}
