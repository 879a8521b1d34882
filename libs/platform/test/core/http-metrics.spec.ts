import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Controller, Get, HttpException, Module, Param, type INestApplication } from '@nestjs/common';
import { APP_INTERCEPTOR, NestFactory } from '@nestjs/core';
import { register } from 'prom-client';
import { HttpMetricsInterceptor } from '../../src/health/http-metrics.interceptor.js';
import { expectEventually } from '../../src/testing/expect-eventually.js';

@Controller('things')
class ThingsController {
  @Get(':id')
  get(@Param('id') id: string) {
    if (id === 'missing') throw new HttpException('no such thing', 404);
    return { id };
  }
}

@Module({
  controllers: [ThingsController],
  providers: [{ provide: APP_INTERCEPTOR, useClass: HttpMetricsInterceptor }],
})
class AppModule {}

const count = async (labels: string) => {
  const text = await register.getSingleMetricAsString('fleetward_http_request_duration_seconds');
  const line = text.split('\n').find((l) => l.startsWith(`fleetward_http_request_duration_seconds_count{${labels}`));
  return line ? Number(line.split(' ').pop()) : 0;
};

describe('HTTP request metrics', () => {
  let app: INestApplication;
  let base: string;

  beforeAll(async () => {
    app = await NestFactory.create(AppModule, { logger: false });
    await app.listen(0, '127.0.0.1');
    base = await app.getUrl();
  });
  afterAll(() => app?.close());

  it('count requests per route template and status code, errors included', async () => {
    const okBefore = await count('method="GET",route="/things/:id",status="200"');
    const notFoundBefore = await count('method="GET",route="/things/:id",status="404"');
    for (const id of ['a', 'b', 'c']) expect((await fetch(`${base}/things/${id}`)).status).toBe(200);
    expect((await fetch(`${base}/things/missing`)).status).toBe(404);
    // Recorded when the response has finished, which may be just after the client read it.
    await expectEventually(async () => {
      expect(await count('method="GET",route="/things/:id",status="200"')).toBe(okBefore + 3);
      expect(await count('method="GET",route="/things/:id",status="404"')).toBe(notFoundBefore + 1);
    });
    // One series per template, whatever the ids: no label carries the concrete URL.
    const text = await register.getSingleMetricAsString('fleetward_http_request_duration_seconds');
    expect(text).not.toContain('/things/a');
  });
});
