import 'reflect-metadata';
import type { INestApplication, Type } from '@nestjs/common';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { Role } from '@fleetward/contracts';
import { correlationMiddleware } from '@fleetward/platform';
import { ensureStreams, freePort, testDatabase, uniqueId, type TestDatabase } from '@fleetward/platform/testing';
import { AppModule } from '../../src/app.module.js';
import { ApiKeyService } from '../../src/keys/api-key.service.js';
import { migrations } from '../../src/migrations/index.js';
import { OrganisationRepository } from '../../src/organisations/organisation.repository.js';

export interface TestGateway {
  app: INestApplication;
  db: TestDatabase;
  url: (path: string) => string;
  /** Creates an organisation (random id unless given) with one API key per role. */
  newOrg(id?: string): Promise<TestOrg>;
  /** A second gateway process-alike on the same schema and settings (what another replica would be). */
  replica(): Promise<{ url: (path: string) => string; close(): Promise<void> }>;
  close(): Promise<void>;
}

export interface TestOrg {
  id: string;
  keys: Record<Role, string>;
}

export const roles: Role[] = ['admin', 'it', 'ot', 'viewer', 'integration'];

/**
 * The real gateway AppModule in this process, on a fresh schema, listening on port 0, against the real NATS, Postgres
 * and Redis. `env` overrides gateway settings (rate limit, body limit...); `extra` adds test-only modules.
 */
export async function startGateway(
  env: Record<string, string> = {},
  extra: Type<unknown>[] = [],
): Promise<TestGateway> {
  await ensureStreams();
  const db = await testDatabase({ migrations });
  // The internal HTTP ports default to a developer's running stack (8081, 8083): a test gateway proxies to nothing
  // unless the test starts the service and names it.
  const nobody = `http://127.0.0.1:${await freePort()}`;
  Object.assign(process.env, {
    DATABASE_URL: db.appUrl,
    DB_SCHEMA: db.schema,
    PORT: '0',
    LOG_LEVEL: 'silent',
    INVENTORY_HTTP_URL: nobody,
    LIFECYCLE_HTTP_URL: nobody,
    ...env,
  });

  @Module({ imports: [AppModule, ...extra] })
  class TestAppModule {}

  const app = await listen(TestAppModule);
  const port = portOf(app);
  const orgs = app.get(OrganisationRepository);
  const keys = app.get(ApiKeyService);

  return {
    app,
    db,
    url: (p) => `http://127.0.0.1:${port}${p}`,
    async newOrg(id = uniqueId('org').replace(/[^A-Za-z0-9_-]/g, '_')) {
      await orgs.ensure(id, `Test ${id}`);
      const entries = await Promise.all(
        roles.map(async (role) => [role, (await keys.issue(id, `${role} key`, role, 'test', null)).key] as const),
      );
      return { id, keys: Object.fromEntries(entries) as Record<Role, string> };
    },
    async replica() {
      const other = await listen(TestAppModule);
      return { url: (p) => `http://127.0.0.1:${portOf(other)}${p}`, close: () => other.close() };
    },
    async close() {
      await app.close();
      await db.drop();
    },
  };
}

async function listen(module: Type<unknown>): Promise<INestApplication> {
  const logger = process.env['GW_TEST_LOGS'] ? (['error', 'warn'] as const) : false;
  const app = await NestFactory.create(module, {
    logger: logger ? [...logger] : false,
    abortOnError: false,
    forceCloseConnections: true,
  });
  app.use(correlationMiddleware);
  await app.listen(0, '127.0.0.1');
  return app;
}

function portOf(app: INestApplication): number {
  return ((app.getHttpServer() as Server).address() as AddressInfo).port;
}

export function bearer(key: string, extra: Record<string, string> = {}): Record<string, string> {
  return { authorization: `Bearer ${key}`, ...extra };
}

export function jsonHeaders(key: string): Record<string, string> {
  return bearer(key, { 'content-type': 'application/json' });
}
