import { Test } from '@nestjs/testing';
import type { INestApplication } from '@nestjs/common';
import { Streams } from '@fleetward/contracts';
import { Clock, durableName, NatsClient, PlatformModule } from '@fleetward/platform';
import {
  ensureStreams,
  testCallerEnv,
  testDatabase,
  testNatsUrl,
  uniqueId,
  type TestDatabase,
} from '@fleetward/platform/testing';
import { configSchema } from '../../src/config.js';
import { entities } from '../../src/entities.js';
import { LifecycleModule } from '../../src/lifecycle.module.js';
import { migrations } from '../../src/migrations/index.js';

/**
 * The lifecycle service in-process, on a fresh schema, with its own durable consumers starting at new events;
 * optionally reading time from the test's clock, with extra environment.
 */
export async function startLifecycle(
  options: { clock?: Clock; env?: Record<string, string> } = {},
): Promise<{ app: INestApplication; db: TestDatabase; close(): Promise<void> }> {
  await ensureStreams();
  const db = await testDatabase({ migrations });
  const prefix = uniqueId('lifecycle');
  const builder = Test.createTestingModule({
    imports: [
      PlatformModule.forService({
        name: 'lifecycle',
        configSchema,
        entities,
        migrations,
        env: {
          NATS_URL: testNatsUrl(),
          ...testCallerEnv(),
          DATABASE_URL: db.appUrl,
          DB_SCHEMA: db.schema,
          PORT: '0',
          LOG_LEVEL: process.env['TEST_LOG_LEVEL'] ?? 'warn',
          CONSUMER_PREFIX: prefix,
          CONSUMER_DELIVER_FROM: 'new',
          ...options.env,
        },
      }),
      LifecycleModule,
    ],
  });
  if (options.clock) builder.overrideProvider(Clock).useValue(options.clock);
  const moduleRef = await builder.compile();
  const app = moduleRef.createNestApplication({ logger: ['error', 'warn'] });
  await app.init();
  return {
    app,
    db,
    async close() {
      // The test's durables go with it: they would otherwise pile up on the shared stream.
      const jsm = app.get(NatsClient).jsm;
      for (const name of ['org-events', 'catalog'].map((n) =>
        durableName({ DB_SCHEMA: db.schema, CONSUMER_PREFIX: prefix }, 'lifecycle', n),
      )) {
        await jsm.consumers.delete(Streams.events.name, name).catch(() => undefined);
      }
      await app.close();
      await db.drop();
    },
  };
}
