import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Controller, Get, Logger, Module, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { AddressInfo } from 'node:net';
import { serviceConfigSchema } from '../../src/config/index.js';
import { correlationMiddleware, createLogger, currentCorrelationId, PinoNestLogger } from '../../src/logging/index.js';
import { ReadinessService } from '../../src/health/index.js';
import { MissingStreamError } from '../../src/nats/index.js';
import { PlatformModule } from '../../src/service/index.js';
import {
  ensureStreams,
  testCallerEnv,
  testDatabase,
  testNatsUrl,
  uniqueId,
  type TestDatabase,
} from '../../src/testing/index.js';

@Controller('echo')
class EchoController {
  private readonly logger = new Logger(EchoController.name);

  @Get()
  echo() {
    this.logger.log('echo called');
    return { correlationId: currentCorrelationId() };
  }
}

const name = 'platformtest';
const configSchema = serviceConfigSchema(name, 0);

function appModule(env: Record<string, string>, streams?: string[]) {
  @Module({
    imports: [
      PlatformModule.forService({
        name,
        configSchema,
        env: { NATS_URL: testNatsUrl(), ...testCallerEnv(), ...env },
        streams,
      }),
    ],
    controllers: [EchoController],
  })
  class TestAppModule {}
  return TestAppModule;
}

describe('PlatformModule in a running app', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let base: string;
  const lines: Record<string, unknown>[] = [];

  beforeAll(async () => {
    await ensureStreams();
    db = await testDatabase();
    const logger = createLogger({
      service: name,
      destination: { write: (s: string) => void lines.push(JSON.parse(s)) },
    });
    // No readiness grace: a failing check answers 503 at once (the grace has its own test in test/faults).
    const env = { DATABASE_URL: db.appUrl, DB_SCHEMA: db.schema, PORT: '0', READINESS_GRACE_MS: '0' };
    app = await NestFactory.create(appModule(env), {
      logger: new PinoNestLogger(logger),
      abortOnError: false,
    });
    app.use(correlationMiddleware);
    await app.listen(0);
    base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('keeps the caller x-correlation-id: echoed, visible to the handler and on its log lines', async () => {
    const res = await fetch(`${base}/echo`, { headers: { 'x-correlation-id': 'req-42' } });
    expect(res.headers.get('x-correlation-id')).toBe('req-42');
    expect(await res.json()).toEqual({ correlationId: 'req-42' });
    expect(lines).toContainEqual(
      expect.objectContaining({
        msg: 'echo called',
        context: 'EchoController',
        correlationId: 'req-42',
        service: name,
        level: 'info',
      }),
    );
  });

  it('makes a uuid when the request has no (or an unusable) correlation id', async () => {
    for (const headers of [{}, { 'x-correlation-id': 'bad id with spaces' }] as Record<string, string>[]) {
      const res = await fetch(`${base}/echo`, { headers });
      const id = res.headers.get('x-correlation-id');
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
      expect(await res.json()).toEqual({ correlationId: id });
    }
  });

  it('reports ready while NATS, Postgres and Redis answer, and 503 naming a failing check', async () => {
    const ok = await fetch(`${base}/readyz`);
    expect(ok.status).toBe(200);
    const readiness = app.get(ReadinessService);
    readiness.register('ledger', async () => {
      throw new Error('ledger unreachable');
    });
    readiness.register('slowpoke', () => new Promise(() => undefined));
    const res = await fetch(`${base}/readyz`);
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({
      status: 'unavailable',
      checks: {
        nats: 'ok',
        postgres: 'ok',
        redis: 'ok',
        ledger: 'ledger unreachable',
        slowpoke: expect.stringMatching(/timed out/),
      },
    });
  });

  it('serves prometheus metrics with the fleetward_ prefix and the service label', async () => {
    const res = await fetch(`${base}/metrics`);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await res.text()).toMatch(/^fleetward_nodejs_heap_size_used_bytes\{service="platformtest"\} \d+/m);
  });
});

describe('PlatformModule boot checks', () => {
  it('refuses to start when a required stream is missing, naming it', async () => {
    const db = await testDatabase();
    const missing = uniqueId('NO_SUCH_STREAM').toUpperCase();
    const app = await NestFactory.create(appModule({ DATABASE_URL: db.appUrl, DB_SCHEMA: db.schema }, [missing]), {
      logger: false,
      abortOnError: false,
    });
    try {
      const err = await app.init().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(MissingStreamError);
      expect((err as Error).message).toContain(missing);
    } finally {
      await app.close();
      await db.drop();
    }
  });
});
