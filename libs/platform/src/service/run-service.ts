import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ServerNats } from '@nestjs/microservices';
import type { Logger as PinoLogger } from 'pino';
import type { BaseConfig } from '../config/base-config.js';
import { ConfigError, loadConfig } from '../config/load-config.js';
import { correlationMiddleware } from '../logging/correlation.middleware.js';
import { createLogger } from '../logging/create-logger.js';
import { PinoNestLogger } from '../logging/nest-logger.js';
import { natsServerOptions } from '../nats/nats-servers.js';
import type { ServiceConfigSchema } from './platform-options.js';

export interface RunServiceOptions {
  name: string;
  configSchema: ServiceConfigSchema;
  /** Longest a graceful shutdown may take before the process exits 1 anyway. */
  shutdownTimeoutMs?: number;
}

export interface RunningService {
  app: INestApplication;
  port: number;
  stop(): Promise<void>;
}

/**
 * The whole `main.ts` of a service: checks the configuration (one clear line and exit 1 when it is wrong), boots
 * Nest with pino logs, serves `@MessagePattern` handlers over NATS (queue group per service, so replicas share the
 * load), listens on PORT (on BIND_ADDRESS when set) and shuts down gracefully on SIGTERM/SIGINT (exit 0).
 */
export async function runService(appModule: Type<unknown>, options: RunServiceOptions): Promise<RunningService> {
  const config = readConfig(options);
  const logger = createLogger({ service: options.name, level: config.LOG_LEVEL });
  try {
    const running = await boot(appModule, options, config, logger);
    handleSignals(running, logger, options.shutdownTimeoutMs ?? 10_000);
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
  const rpcServer = new ServerNats({
    ...natsServerOptions(config.NATS_URL),
    name: `fleetward-${options.name}-rpc`,
    queue: `fleetward-${options.name}`,
  });
  app.connectMicroservice({ strategy: rpcServer }, { inheritAppConfig: true });
  await app.startAllMicroservices();
  if (config.BIND_ADDRESS) await app.listen(config.PORT, config.BIND_ADDRESS);
  else await app.listen(config.PORT);
  const server = app.getHttpServer() as Server;
  const port = (server.address() as AddressInfo).port;
  logger.info({ port, address: config.BIND_ADDRESS ?? 'all' }, `fleetward-${options.name} listening on port ${port}`);

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      // Stop taking work first (new HTTP connections, RPC requests), then let modules finish and close NATS, Postgres
      // and Redis in their shutdown hooks.
      server.close();
      server.closeIdleConnections();
      await rpcServer.close();
      await app.close();
    })());
  return { app, port, stop };
}

function handleSignals(running: RunningService, logger: PinoLogger, timeoutMs: number): void {
  const onSignal = (signal: NodeJS.Signals) => {
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => {
      logger.error(`shutdown took longer than ${timeoutMs} ms; exiting`);
      process.exit(1);
    }, timeoutMs);
    force.unref();
    running.stop().then(
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
