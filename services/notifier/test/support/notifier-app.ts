import { Test } from '@nestjs/testing';
import type { INestApplication } from '@nestjs/common';
import { PlatformModule } from '@fleetward/platform';
import {
  ensureStreams,
  testCallerEnv,
  testDatabase,
  testNatsUrl,
  type TestDatabase,
} from '@fleetward/platform/testing';
import { configSchema } from '../../src/config.js';
import { migrations } from '../../src/migrations/index.js';
import { NotifierModule } from '../../src/notifier.module.js';

/** The notifier in-process, on a fresh schema, its own queue prefix and its own durable consumer. */
export async function startNotifier(
  env: Record<string, string>,
): Promise<{ app: INestApplication; db: TestDatabase; close(): Promise<void> }> {
  await ensureStreams();
  const db = await testDatabase({ migrations });
  const moduleRef = await Test.createTestingModule({
    imports: [
      PlatformModule.forService({
        name: 'notifier',
        configSchema,
        migrations,
        env: {
          NATS_URL: testNatsUrl(),
          ...testCallerEnv(),
          DATABASE_URL: db.appUrl,
          DB_SCHEMA: db.schema,
          PORT: '0',
          LOG_LEVEL: process.env['TEST_LOG_LEVEL'] ?? 'warn',
          DELIVERY_BACKOFF_MS: '50',
          DELIVERY_ATTEMPTS: '3',
          WEBHOOK_TIMEOUT_MS: '500',
          ...env,
        },
      }),
      NotifierModule,
    ],
  }).compile();
  const app = moduleRef.createNestApplication({ logger: ['error', 'warn'] });
  await app.init();
  return {
    app,
    db,
    async close() {
      await app.close();
      await db.drop();
    },
  };
}
