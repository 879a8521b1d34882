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

/**
 * `newHeartbeatToken(orgId)`'s hash computed in SQL for bulk inserts (`$1` = the organisation): the secret is 32
 * random bytes from two v4 UUIDs (244 random bits), base64url like the Node one.
 */
export const TOKEN_HASH_SQL = `encode(sha256(convert_to($1 || '.' || rtrim(translate(encode(
  uuid_send(gen_random_uuid()) || uuid_send(gen_random_uuid()), 'base64'), '+/', '-_'), '='), 'UTF8')), 'hex')`;
