import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import path from 'node:path';
import { ensureStreams } from './ensure-streams.js';
import {
  buildProject,
  builtMigrations,
  runToExit,
  startServiceProcess,
  type ServiceProcess,
} from './service-process.js';
import { testDatabase, type TestDatabase } from './test-database.js';

/**
 * The boot contract every service process keeps, as one suite: a missing or invalid variable exits 1 with one line
 * naming it; configured, it answers /healthz, /readyz (NATS, Postgres, Redis, the RPC server's NATS connection) and /metrics, and exits 0 soon after
 * SIGTERM. `extraEnv` gives the process its own consumer names, queue prefixes... so it never takes messages meant
 * for another running stack.
 */
export function describeServiceBoot(
  service: string,
  projectDir: string,
  extraEnv: () => Record<string, string> = () => ({}),
): void {
  const entry = path.join(projectDir, 'dist/main.js');

  describe(`${service} service process`, () => {
    let db: TestDatabase;
    let env: Record<string, string>;

    beforeAll(async () => {
      buildProject(projectDir);
      await ensureStreams();
      db = await testDatabase({ migrations: await builtMigrations(projectDir) });
      // A fresh schema means fresh durables: `new`, so booting does not start by replaying the shared stream.
      env = {
        DATABASE_URL: db.appUrl,
        DB_SCHEMA: db.schema,
        PORT: '0',
        LOG_LEVEL: 'info',
        CONSUMER_DELIVER_FROM: 'new',
        ...extraEnv(),
      };
    }, 120_000);
    afterAll(() => db?.drop());

    it('refuses to start without DATABASE_URL, naming it on one line', () => {
      const { code, output } = runToExit(entry, { ...env, DATABASE_URL: undefined });
      expect(code).toBe(1);
      expect(output.trim()).toBe(`fleetward-${service}: invalid configuration: DATABASE_URL is required`);
    });

    it('refuses an invalid PORT', () => {
      const { code, output } = runToExit(entry, { ...env, PORT: 'eighty' });
      expect(code).toBe(1);
      expect(output).toMatch(new RegExp(`^fleetward-${service}: invalid configuration: PORT is invalid`));
    });

    describe('when configured', () => {
      let proc: ServiceProcess;
      const url = (p: string) => `http://127.0.0.1:${proc.port}${p}`;

      beforeAll(async () => {
        proc = await startServiceProcess(entry, env);
      }, 30_000);
      afterAll(async () => {
        await proc?.stop('SIGKILL');
      });

      it('answers /healthz and /readyz with 200', async () => {
        expect((await fetch(url('/healthz'))).status).toBe(200);
        const ready = await fetch(url('/readyz'));
        expect({ status: ready.status, body: await ready.json() }).toEqual({
          status: 200,
          // a service may add checks of its own (ReadinessService.register); ready means every one is ok
          body: { status: 'ready', checks: expect.objectContaining({ nats: 'ok', postgres: 'ok', redis: 'ok', rpc: 'ok' }) },
        });
      });

      it('exports fleetward_ metrics labelled with the service', async () => {
        const text = await (await fetch(url('/metrics'))).text();
        expect(text).toMatch(new RegExp(`^fleetward_process_cpu_seconds_total\\{service="${service}"\\} `, 'm'));
      });

      it('exits 0 soon after SIGTERM', async () => {
        const started = Date.now();
        expect(await proc.stop('SIGTERM')).toBe(0);
        expect(Date.now() - started).toBeLessThan(5000);
      });
    });
  });
}
