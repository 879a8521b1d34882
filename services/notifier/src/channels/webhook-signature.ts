import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Standard Webhooks signatures (https://www.standardwebhooks.com): HMAC-SHA256 over `id.timestamp.body` with the
 * endpoint secret (`whsec_<base64>`), sent as `webhook-signature: v1,<base64>`; several space-separated signatures
 * while a secret is being rotated, so receivers holding either secret accept the message.
 */
export const SECRET_PREFIX = 'whsec_';
export const DEFAULT_TOLERANCE_SEC = 300;

export function newWebhookSecret(): string {
  return SECRET_PREFIX + randomBytes(24).toString('base64');
}

function secretBytes(secret: string): Buffer {
  if (!secret.startsWith(SECRET_PREFIX)) throw new Error('webhook secret must start with whsec_');
  return Buffer.from(secret.slice(SECRET_PREFIX.length), 'base64');
}

export function sign(secret: string, id: string, timestampSec: number, body: string): string {
  const mac = createHmac('sha256', secretBytes(secret)).update(`${id}.${timestampSec}.${body}`).digest('base64');
  return `v1,${mac}`;
}

export interface SignedHeaders {
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
}

/** Headers for one delivery, signed with every currently valid secret (the new one first during a rotation). */
export function signedHeaders(secrets: readonly string[], id: string, body: string, now = new Date()): SignedHeaders {
  if (secrets.length === 0) throw new Error('an endpoint needs at least one secret');
  const ts = Math.floor(now.getTime() / 1000);
  return {
    'webhook-id': id,
    'webhook-timestamp': String(ts),
    'webhook-signature': secrets.map((s) => sign(s, id, ts, body)).join(' '),
  };
}

export type VerifyResult = { ok: true } | { ok: false; reason: 'missing-headers' | 'stale-timestamp' | 'bad-signature' };

/** What a receiver does; used by our tests as the independent check and documented for integrators. */
export function verify(
  secret: string,
  headers: Partial<Record<keyof SignedHeaders, string>>,
  body: string,
  now = new Date(),
  toleranceSec = DEFAULT_TOLERANCE_SEC,
): VerifyResult {
  const id = headers['webhook-id'];
  const ts = Number(headers['webhook-timestamp']);
  const sigs = headers['webhook-signature'];
  if (!id || !Number.isFinite(ts) || !sigs) return { ok: false, reason: 'missing-headers' };
  if (Math.abs(now.getTime() / 1000 - ts) > toleranceSec) return { ok: false, reason: 'stale-timestamp' };
  const expected = Buffer.from(sign(secret, id, ts, body));
  const match = sigs.split(' ').some((s) => {
    const got = Buffer.from(s);
    return got.length === expected.length && timingSafeEqual(got, expected);
  });
  return match ? { ok: true } : { ok: false, reason: 'bad-signature' };
}
