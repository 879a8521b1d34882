import { Controller, Get, Header, Res } from '@nestjs/common';
import type { Response } from 'express';
import { LivenessService } from './liveness.service.js';
import { MetricsService } from './metrics.service.js';
import { ReadinessService } from './readiness.service.js';

/** Probes for Kubernetes and Prometheus. Outside any auth: they reveal no tenant data. */
@Controller()
export class HealthController {
  constructor(
    private readonly readiness: ReadinessService,
    private readonly liveness: LivenessService,
    private readonly metrics: MetricsService,
  ) {}

  /**
   * Liveness: the event loop answers and nothing is broken beyond self-repair. Checks no dependency (a NATS outage
   * must not restart pods, the connections reconnect); 503 only for a state such as a NATS connection closed for good.
   */
  @Get('healthz')
  @Header('Cache-Control', 'no-store')
  healthz(@Res({ passthrough: true }) res: Response) {
    const failures = this.liveness.failures();
    if (Object.keys(failures).length === 0) return { status: 'ok' };
    res.status(503);
    return { status: 'failed', failures };
  }

  @Get('readyz')
  @Header('Cache-Control', 'no-store')
  async readyz(@Res({ passthrough: true }) res: Response) {
    const result = await this.readiness.run();
    res.status(result.ready ? 200 : 503);
    return { status: result.ready ? 'ready' : 'unavailable', checks: result.checks };
  }

  @Get('metrics')
  async metricsText(@Res() res: Response): Promise<void> {
    const body = await this.metrics.render();
    res.setHeader('Content-Type', this.metrics.contentType());
    res.send(body);
  }
}
