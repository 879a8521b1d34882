import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Module, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { serviceConfigSchema } from '../../src/config/index.js';
import { PlatformModule } from '../../src/service/index.js';
import { ensureStreams, testCallerEnv, testDatabase, testNatsUrl, type TestDatabase } from '../../src/testing/index.js';

const name = 'pooltest';
const configSchema = serviceConfigSchema(name, 0);

describe('DB_POOL_SIZE', () => {
  let db: TestDatabase;
  let app: INestApplication;

  beforeAll(async () => {
    await ensureStreams();
    db = await testDatabase();
    const env = {
      NATS_URL: testNatsUrl(),
      ...testCallerEnv(),
      DATABASE_URL: db.appUrl,
      DB_SCHEMA: db.schema,
      PORT: '0',
      DB_POOL_SIZE: '3',
    };
    @Module({ imports: [PlatformModule.forService({ name, configSchema, env })] })
    class AppModule {}
    app = await NestFactory.create(AppModule, { logger: false, abortOnError: false });
    await app.init();
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('bounds the connections a process opens, however many queries it runs at once', async () => {
    const ds = app.get(DataSource);
    const marker = `pool-${process.pid}-${Date.now()}`;
    // Watched from a connection of its own, outside the pool, for as long as the queries run.
    const watcher = new pg.Client({ connectionString: db.appUrl });
    await watcher.connect();
    let peak = 0;
    let running = true;
    const sleepers = Promise.all(
      Array.from({ length: 8 }, () => ds.query(`SELECT pg_sleep(0.2), '${marker}'`)),
    ).finally(() => (running = false));
    while (running) {
      const { rows } = await watcher.query(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE query LIKE $1 AND pid <> pg_backend_pid()`,
        [`%${marker}%`],
      );
      peak = Math.max(peak, rows[0].n);
    }
    await sleepers;
    await watcher.end();
    expect(peak).toBeGreaterThan(0);
    expect(peak).toBeLessThanOrEqual(3);
  });

  it('refuses a pool size outside 2..100 at boot', () => {
    const base = { DATABASE_URL: 'postgres://x@y/z', ...testCallerEnv() };
    expect(configSchema.safeParse({ ...base, DB_POOL_SIZE: '1' }).success).toBe(false);
    expect(configSchema.parse(base).DB_POOL_SIZE).toBe(10);
  });
});
