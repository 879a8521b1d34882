import type { Server } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { INestApplication } from '@nestjs/common';
import type { Logger as PinoLogger } from 'pino';
import { ReadinessService } from '../health/readiness.service.js';
import type { RpcServer } from './rpc-server.js';

export interface StopPlan {
  /** Keep serving this long after /readyz turned 503, so load balancers stop sending work first. */
  preStopDelayMs: number;
  /** Budget for the rest: in-flight HTTP and RPC get half of it, then modules stop and connections drain. */
  shutdownTimeoutMs: number;
}

/**
 * The shutdown order: readiness 503 -> pre-stop delay (still serving) -> no new HTTP connections or RPC requests,
 * in-flight ones finish -> `app.close()`: consumers finish their round and stop, the outbox relay and BullMQ workers
 * stop (their `onModuleDestroy`), then NATS drains and Postgres/Redis close.
 */
export async function gracefulStop(
  app: INestApplication,
  server: Server,
  rpcServer: RpcServer,
  plan: StopPlan,
  logger: PinoLogger,
): Promise<void> {
  app.get(ReadinessService, { strict: false }).markDraining();
  if (plan.preStopDelayMs > 0) {
    logger.info({ delayMs: plan.preStopDelayMs }, 'readiness is 503; pre-stop delay before draining');
    await sleep(plan.preStopDelayMs);
  }
  const inFlightBudget = Math.floor(plan.shutdownTimeoutMs / 2);
  await Promise.all([closeHttp(server, inFlightBudget, logger), rpcServer.close(inFlightBudget)]);
  await app.close();
}

/** Stops accepting connections and waits (up to `waitMs`) for requests in flight; idle keep-alives close at once. */
async function closeHttp(server: Server, waitMs: number, logger: PinoLogger): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  // A keep-alive connection becomes idle when its request ends: close it then instead of waiting for its timeout.
  const idle = setInterval(() => server.closeIdleConnections(), 50);
  server.closeIdleConnections();
  try {
    const outcome = await Promise.race([closed.then(() => 'closed'), sleep(waitMs, 'late')]);
    if (outcome === 'late') logger.warn(`HTTP requests still open after ${waitMs} ms; closing them`);
  } finally {
    clearInterval(idle);
  }
}
