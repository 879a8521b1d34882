import { Logger } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { backoffDelay, RECONNECT_BACKOFF } from '../retry/backoff.js';

const TRANSIENT_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'ENOTFOUND',
  '57P03', // cannot_connect_now: starting up, shutting down, in recovery
  '53300', // too_many_connections
]);

/** Postgres unreachable or not accepting yet (worth waiting for), as opposed to a wrong password or database. */
export function isTransientConnectError(err: unknown): boolean {
  const e = err as { code?: string; message?: string } | null;
  if (e?.code && TRANSIENT_CODES.has(e.code)) return true;
  return /connection terminated|timeout expired|connection timeout/i.test(e?.message ?? '');
}

/**
 * Initializes the DataSource, retrying without limit (capped backoff with jitter) while Postgres is unreachable, so a
 * service started during a Postgres outage comes up when it returns. A permanent error (authentication, unknown
 * database) fails at once. Once up, the pg pool opens new connections per query, so later outages need no retry here.
 */
export async function initializeWithRetry(
  options: DataSourceOptions,
  logger = new Logger('Database'),
): Promise<DataSource> {
  for (let attempt = 1; ; attempt++) {
    const dataSource = new DataSource(options);
    try {
      return await dataSource.initialize();
    } catch (err) {
      if (!isTransientConnectError(err)) throw err;
      const wait = backoffDelay(attempt, RECONNECT_BACKOFF);
      logger.warn(`Postgres unreachable (${(err as Error).message}); retrying in ${wait} ms (attempt ${attempt})`);
      if (dataSource.isInitialized) await dataSource.destroy().catch(() => undefined);
      await sleep(wait);
    }
  }
}
