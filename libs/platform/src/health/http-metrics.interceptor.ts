import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { Histogram } from 'prom-client';
import type { Observable } from 'rxjs';
import { sharedMetric } from '../messaging/metrics.js';

interface HttpRequestLike {
  method: string;
  baseUrl?: string;
  route?: { path?: string };
}
interface HttpResponseLike {
  statusCode: number;
  once(event: 'finish' | 'close', listener: () => void): unknown;
}

export const httpRequestDuration = () =>
  sharedMetric(
    'fleetward_http_request_duration_seconds',
    () =>
      new Histogram({
        name: 'fleetward_http_request_duration_seconds',
        help: 'HTTP requests served by a route, by method, route template and status code',
        labelNames: ['method', 'route', 'status'],
        buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      }),
  );

/**
 * Times every HTTP request a Nest route handles, labelled by the route template (`/api/v1/devices/:id`, never the
 * concrete URL: bounded cardinality) and the status code actually sent, errors mapped by filters included. Recorded
 * when the response finishes (or the client goes away), so streamed responses count their whole duration.
 */
@Injectable()
export class HttpMetricsInterceptor implements NestInterceptor {
  private readonly histogram = httpRequestDuration();

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const http = context.switchToHttp();
    const req = http.getRequest<HttpRequestLike>();
    const res = http.getResponse<HttpResponseLike>();
    const stop = this.histogram.startTimer();
    let done = false;
    const record = () => {
      if (done) return;
      done = true;
      const route = req.route?.path ? `${req.baseUrl ?? ''}${req.route.path}` : 'unmatched';
      stop({ method: req.method, route, status: String(res.statusCode) });
    };
    res.once('finish', record);
    res.once('close', record);
    return next.handle();
  }
}
