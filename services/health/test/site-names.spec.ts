import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Module, type INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { DataSource } from 'typeorm';
import { Streams, Subjects } from '@fleetward/contracts';
import { fixtures } from '@fleetward/contracts/testing';
import { durableName, EventPublisher, MessagingModule, NatsClient, PlatformModule, REDIS, withOrg } from '@fleetward/platform';
import type { Redis } from 'ioredis';
import {
  ensureStreams,
  expectEventually,
  testCallerEnv,
  testDatabase,
  testNatsUrl,
  uniqueId,
  type TestDatabase,
} from '@fleetward/platform/testing';
import { configSchema } from '../src/config.js';
import { SiteDirectoryRepository } from '../src/directory/site-directory.repository.js';
import { HealthEventHandlers } from '../src/devices/health-event-handlers.js';
import { ExpectedDevicesService } from '../src/devices/expected-devices.service.js';
import { DeviceDirectoryRepository } from '../src/directory/device-directory.repository.js';
import { HealthStore } from '../src/engine/health-store.js';
import { defaultEngineOptions } from '../src/engine/engine-options.js';
import { migrations } from '../src/migrations/index.js';

@Module({
  imports: [MessagingModule.forRoot({ relay: false })],
  providers: [
    {
      provide: SiteDirectoryRepository,
      useFactory: (ds: DataSource) => new SiteDirectoryRepository(ds),
      inject: [DataSource],
    },
    // Health's whole set of handlers (the boot check wants every one); this test publishes site events only.
    {
      provide: ExpectedDevicesService,
      useFactory: (ds: DataSource, redis: Redis) =>
        new ExpectedDevicesService(new DeviceDirectoryRepository(ds), new HealthStore(redis, { ...defaultEngineOptions, keyPrefix: `test:health:${uniqueId('sn')}` })),
      inject: [DataSource, REDIS],
    },
    HealthEventHandlers,
  ],
})
class SiteNamesModule {}

/** Health learns site names from the inventory's site events over the real NATS, to name sites in its own events. */
describe('site names from site.created / site.updated', () => {
  let db: TestDatabase;
  let app: INestApplication;
  const orgId = uniqueId('org').replace(/[^A-Za-z0-9_-]/g, '_');

  beforeAll(async () => {
    await ensureStreams();
    db = await testDatabase({ migrations });
    const moduleRef = await Test.createTestingModule({
      imports: [
        PlatformModule.forService({
          name: 'health',
          configSchema,
          entities: [],
          migrations,
          env: {
            NATS_URL: testNatsUrl(),
            DATABASE_URL: db.appUrl,
            DB_SCHEMA: db.schema,
            PORT: '0',
            LOG_LEVEL: 'warn',
            ...testCallerEnv(),
          },
        }),
        SiteNamesModule,
      ],
    }).compile();
    app = moduleRef.createNestApplication({ logger: ['error', 'warn'] });
    await app.init();
  }, 120_000);

  afterAll(async () => {
    const jsm = app?.get(NatsClient).jsm;
    await jsm?.consumers
      .delete(Streams.events.name, durableName({ DB_SCHEMA: db.schema }, 'health', 'site-events'))
      .catch(() => undefined);
    await app?.close();
    await db?.drop();
  });

  it('keeps the newest name of each site and skips its own site events on the same subjects', async () => {
    const publisher = app.get(EventPublisher);
    const deadLetters: string[] = [];
    const dlq = app
      .get(NatsClient)
      .nc.subscribe(Subjects.dlq(durableName({ DB_SCHEMA: db.schema }, 'health', 'site-events')), {
        callback: (_e, m) => deadLetters.push(m.string()),
      });
    const created = fixtures.siteCreated({
      orgId,
      overrides: { id: 'berlin', path: ['emea', 'berlin'], name: 'Berlin' },
    });
    const renamed = fixtures.siteUpdated({
      orgId,
      overrides: {
        id: 'berlin',
        path: ['emea', 'berlin'],
        name: 'Berlin HQ',
        updatedAt: new Date(Date.now() + 1000).toISOString(),
      },
    });
    const recovered = fixtures.siteRecovered({ orgId });
    await publisher.publishMany([created, recovered, renamed]);
    const sites = app.get(SiteDirectoryRepository);
    await expectEventually(
      async () =>
        expect((await sites.lookup(orgId, ['berlin'])).get('berlin')).toEqual({
          name: 'Berlin HQ',
          path: ['emea', 'berlin'],
        }),
      { timeoutMs: 60_000 },
    );
    const rows = await withOrg(app.get(DataSource), orgId, (m) =>
      m.query('SELECT count(*)::int AS n FROM site_directory'),
    );
    expect(rows[0].n).toBe(1);
    dlq.unsubscribe();
    expect(deadLetters).toEqual([]);
  }, 90_000);
});
