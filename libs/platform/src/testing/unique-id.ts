import { randomBytes } from 'node:crypto';

/**
 * A random id usable as an org id, a NATS subject token, a durable consumer name or a Postgres identifier suffix:
 * `${prefix}_` followed by 12 lowercase hex characters.
 */
export function uniqueId(prefix: string): string {
  return `${prefix}_${randomBytes(6).toString('hex')}`;
}
