import { createHash, randomBytes } from 'node:crypto';

/**
 * A heartbeat token is `<orgId>.<secret>`: the organisation part lets the lookup run inside that organisation's
 * row-level-security scope; only the SHA-256 of the whole token is stored.
 */
export function newHeartbeatToken(orgId: string): { token: string; hash: string } {
  const token = `${orgId}.${randomBytes(24).toString('base64url')}`;
  return { token, hash: hashToken(token) };
}

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

export function orgOfToken(token: string): string | undefined {
  const dot = token.lastIndexOf('.');
  return dot > 0 ? token.slice(0, dot) : undefined;
}
