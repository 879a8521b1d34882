import { Logger } from '@nestjs/common';
import { Counter, register } from 'prom-client';
import type { CallerAssertionError } from './caller-assertion.js';

const logger = new Logger('CallerAssertion');

function refusedCounter(): Counter<'reason' | 'via'> {
  const name = 'fleetward_caller_assertions_refused_total';
  return (
    (register.getSingleMetric(name) as Counter<'reason' | 'via'> | undefined) ??
    new Counter({
      name,
      help: 'Internal requests refused because their caller assertion was missing, forged, expired, replayed or for another service',
      labelNames: ['reason', 'via'],
      registers: [register],
    })
  );
}

/**
 * Logs and counts a refused assertion. The claimed org and correlation id come from the unverified request: they help
 * find the sender, and are not trusted for anything else. The gateway owns the audit table; services log and count.
 */
export function recordRefusal(
  err: CallerAssertionError,
  where: { via: 'rpc' | 'http'; target: string; claimedOrg?: unknown },
): void {
  refusedCounter().inc({ reason: err.why, via: where.via });
  const org = typeof where.claimedOrg === 'string' ? where.claimedOrg.slice(0, 64) : 'none';
  logger.warn(
    `caller assertion refused (${err.why}) on ${where.via} ${where.target}, claimed org ${org}: ${err.message}`,
  );
}
