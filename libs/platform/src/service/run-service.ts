import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Logger as PinoLogger } from 'pino';
import type { BaseConfig } from '../config/base-config.js';
import { ConfigError, loadConfig } from '../config/load-config.js';
import { correlationMiddleware } from '../logging/correlation.middleware.js';
import { createLogger } from '../logging/create-logger.js';
import { PinoNestLogger } from '../logging/nest-logger.js';
import type { NatsConnectionState } from '../nats/connection-state.js';
import { NatsClient } from '../nats/nats-client.js';
import { gracefulStop } from './graceful-stop.js';
import type { ServiceConfigSchema } from './platform-options.js';
import { RpcServer } from './rpc-server.js';

export interface RunServiceOptions {
  name: string;
  configSchema: ServiceConfigSchema;
}

export interface RunningService {
  app: INestApplication;
  port: number;
  /** Graceful stop (see `gracefulStop`); the pre-stop delay applies when asked for (SIGTERM does). */
  stop(options?: { preStopDelay?: boolean }): Promise<void>;
}

/**
 * The whole `main.ts` of a service: checks the configuration (one clear line and exit 1 when it is wrong), boots
 * Nest with pino logs, serves `@MessagePattern` handlers over NATS (queue group per service, so replicas share the
 * load), listens on PORT (on BIND_ADDRESS when set) and shuts down gracefully on SIGTERM (with PRESTOP_DELAY_MS) or
 * SIGINT (without), exit 0; exit 1 when the stop outlasts SHUTDOWN_TIMEOUT_MS, or when a NATS connection closes for
 * good (it reconnects forever, so only something it cannot recover from closes it: the orchestrator restarts the process).
 */
export async function runService(appModule: Type<unknown>, options: RunServiceOptions): Promise<RunningService> {
  const config = readConfig(options);
  const logger = createLogger({ service: options.name, level: config.LOG_LEVEL });
  try {
    const running = await boot(appModule, options, config, logger);
    handleSignals(running, logger, config);
    return running;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    logger.fatal({ err }, `cannot start: ${message}`);
    process.stderr.write(`fleetward-${options.name}: cannot start: ${message}\n`);
    process.exit(1);
  }
}

function readConfig(options: RunServiceOptions): BaseConfig {
  try {
    return loadConfig(options.configSchema, process.env);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    process.stderr.write(`fleetward-${options.name}: invalid configuration: ${err.problems.join('; ')}\n`);
    process.exit(1);
  }
}

async function boot(
  appModule: Type<unknown>,
  options: RunServiceOptions,
  config: BaseConfig,
  logger: PinoLogger,
): Promise<RunningService> {
  const app = await NestFactory.create(appModule, {
    logger: new PinoNestLogger(logger),
    abortOnError: false,
    forceCloseConnections: true,
  });
  app.use(correlationMiddleware);
  const rpcServer = new RpcServer({ config, name: `fleetward-${options.name}-rpc` }, `fleetward-${options.name}`);
  app.connectMicroservice({ strategy: rpcServer }, { inheritAppConfig: true });
  await app.startAllMicroservices();
  rpcServer.registerHealth(app);
  if (config.BIND_ADDRESS) await app.listen(config.PORT, config.BIND_ADDRESS);
  else await app.listen(config.PORT);
  const server = app.getHttpServer() as Server;
  const port = (server.address() as AddressInfo).port;
  logger.info({ port, address: config.BIND_ADDRESS ?? 'all' }, `fleetward-${options.name} listening on port ${port}`);

  let stopping: Promise<void> | undefined;
  const stop = (o: { preStopDelay?: boolean } = {}) =>
    (stopping ??= gracefulStop(app, server, rpcServer, planOf(config, o.preStopDelay), logger));
  exitWhenClosedForGood(app, rpcServer, logger);
  return { app, port, stop };
}

const planOf = (config: BaseConfig, preStopDelay = false) => ({
  preStopDelayMs: preStopDelay ? config.PRESTOP_DELAY_MS : 0,
  shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS,
});

/** A NATS connection closed while nobody is stopping: it will never come back, so neither will this process. */
function exitWhenClosedForGood(app: INestApplication, rpcServer: RpcServer, logger: PinoLogger): void {
  const watch = (link: NatsConnectionState | undefined, what: string) =>
    void link?.closed.then((err) => {
      if (!link.failed) return; // closed by the shutdown
      logger.fatal({ err }, `${what} NATS connection closed for good; exiting so the process is restarted`);
      process.exit(1);
    });
  watch(optional(() => app.get(NatsClient, { strict: false }))?.link, 'the');
  watch(rpcServer.link, 'the RPC server');
}

function optional<T>(get: () => T): T | undefined {
  try {
    return get();
  } catch {
    return undefined;
  }
}

function handleSignals(running: RunningService, logger: PinoLogger, config: BaseConfig): void {
  const onSignal = (signal: NodeJS.Signals) => {
    logger.info({ signal }, 'shutting down');
    const preStopDelay = signal === 'SIGTERM';
    const limitMs = (preStopDelay ? config.PRESTOP_DELAY_MS : 0) + config.SHUTDOWN_TIMEOUT_MS;
    const force = setTimeout(() => {
      logger.error(`shutdown took longer than ${limitMs} ms; exiting`);
      process.exit(1);
    }, limitMs);
    force.unref();
    running.stop({ preStopDelay }).then(
      () => {
        logger.info('stopped');
        process.exit(0);
      },
      (err: unknown) => {
        logger.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
}
