import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * An API key reads `fwk.<orgId>.<keyId>.<secret>`. The part before the secret is the visible prefix (shown in lists
 * and audit rows); only a sha256 of the 256-bit secret is stored. The org id in the key lets the gateway look the key
 * up inside that organisation's row-level-security scope.
 */
export const KEY_SCHEME = 'fwk';

export interface ParsedKey {
  orgId: string;
  keyId: string;
  prefix: string;
  secret: string;
}

const token = /^[A-Za-z0-9_-]{1,64}$/;

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export function secretMatches(secret: string, storedHash: string): boolean {
  const a = Buffer.from(hashSecret(secret), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

export function newKeyId(): string {
  return randomBytes(9).toString('base64url');
}

export function newKey(orgId: string, keyId = newKeyId()): { key: string; prefix: string; hash: string } {
  const secret = randomBytes(32).toString('base64url');
  const prefix = `${KEY_SCHEME}.${orgId}.${keyId}`;
  return { key: `${prefix}.${secret}`, prefix, hash: hashSecret(secret) };
}

/** `null` when `value` is not shaped like an API key (then it may be a JWT). */
export function parseKey(value: string): ParsedKey | null {
  const parts = value.split('.');
  if (parts.length !== 4 || parts[0] !== KEY_SCHEME) return null;
  const [, orgId, keyId, secret] = parts as [string, string, string, string];
  if (!token.test(orgId) || !token.test(keyId) || !/^[A-Za-z0-9_-]{20,100}$/.test(secret)) return null;
  return { orgId, keyId, prefix: `${KEY_SCHEME}.${orgId}.${keyId}`, secret };
}
