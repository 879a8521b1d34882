import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import path from 'node:path';
import {
  buildProject,
  builtMigrations,
  ensureStreams,
  runToExit,
  startServiceProcess,
  testDatabase,
  uniqueId,
  type ServiceProcess,
  type TestDatabase,
} from '@fleetward/platform/testing';

const projectDir = path.resolve(import.meta.dirname, '..');
const entry = path.join(projectDir, 'dist/main.js');

describe('notifier service process', () => {
  let db: TestDatabase;
  let env: Record<string, string>;

  beforeAll(async () => {
    buildProject(projectDir);
    await ensureStreams();
    db = await testDatabase({ migrations: await builtMigrations(projectDir) });
    env = {
      DATABASE_URL: db.appUrl,
      DB_SCHEMA: db.schema,
      PORT: '0',
      LOG_LEVEL: 'info',
      // Its own durable consumer and queue: never take events or jobs meant for another notifier on this NATS/Redis.
      CONSUMER_NAME: uniqueId('notifier'),
      QUEUE_PREFIX: uniqueId('q'),
    };
  }, 120_000);
  afterAll(() => db?.drop());

  it('refuses to start without DATABASE_URL, naming it on one line', () => {
    const { code, output } = runToExit(entry, { ...env, DATABASE_URL: undefined });
    expect(code).toBe(1);
    expect(output.trim()).toBe('fleetward-notifier: invalid configuration: DATABASE_URL is required');
  });

  it('refuses an invalid PORT', () => {
    const { code, output } = runToExit(entry, { ...env, PORT: 'eighty' });
    expect(code).toBe(1);
    expect(output).toMatch(/^fleetward-notifier: invalid configuration: PORT is invalid/);
  });

  describe('when configured', () => {
    let service: ServiceProcess;
    const url = (p: string) => `http://127.0.0.1:${service.port}${p}`;

    beforeAll(async () => {
      service = await startServiceProcess(entry, env);
    }, 30_000);
    afterAll(async () => {
      await service?.stop('SIGKILL');
    });

    it('answers /healthz and /readyz with 200', async () => {
      expect((await fetch(url('/healthz'))).status).toBe(200);
      const ready = await fetch(url('/readyz'));
      const body = await ready.json();
      expect({ status: ready.status, body }).toEqual({
        status: 200,
        body: { status: 'ready', checks: { nats: 'ok', postgres: 'ok', redis: 'ok' } },
      });
    });

    it('exports fleetward_ metrics labelled with the service', async () => {
      const text = await (await fetch(url('/metrics'))).text();
      expect(text).toMatch(/^fleetward_process_cpu_seconds_total\{service="notifier"\} /m);
    });

    it('exits 0 soon after SIGTERM', async () => {
      const started = Date.now();
      expect(await service.stop('SIGTERM')).toBe(0);
      // Generous for a loaded CI machine; runService itself gives up (exit 1) after 10 s.
      expect(Date.now() - started).toBeLessThan(8000);
    });
  });
});
