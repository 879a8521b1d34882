import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { z } from 'zod';

/** A caller-assertion key with its id: the RFC 7638 thumbprint of its public JWK, sent as the JWS `kid`. */
export interface CallerKey {
  kid: string;
  key: KeyObject;
}

/** RFC 7638 thumbprint of an Ed25519 public key (members in lexicographic order, no spaces). */
export function keyId(publicKey: KeyObject): string {
  const { x } = publicKey.export({ format: 'jwk' }) as { x: string };
  return createHash('sha256').update(`{"crv":"Ed25519","kty":"OKP","x":"${x}"}`).digest('base64url');
}

function requireEd25519(key: KeyObject): KeyObject {
  if (key.asymmetricKeyType !== 'ed25519')
    throw new Error(`an Ed25519 key is needed, not ${key.asymmetricKeyType ?? 'a secret key'}`);
  return key;
}

/** A private key as PKCS#8 PEM or as a JWK (JSON with `d`). */
export function parseSigningKey(text: string): CallerKey {
  const trimmed = text.trim();
  const key = trimmed.startsWith('{')
    ? createPrivateKey({ key: JSON.parse(trimmed) as never, format: 'jwk' })
    : createPrivateKey(trimmed);
  requireEd25519(key);
  return { kid: keyId(createPublicKey(key)), key };
}

/**
 * Public keys as one or more SPKI PEM blocks, a JWK, a JSON array of JWKs or a JWK Set (`{"keys":[...]}`): a list,
 * so a new signing key can be trusted everywhere before the gateway starts using it (rotation).
 */
export function parseVerifyKeys(text: string): CallerKey[] {
  const trimmed = text.trim();
  let keys: KeyObject[];
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    const json = JSON.parse(trimmed) as unknown;
    const list = Array.isArray(json) ? json : ((json as { keys?: unknown[] }).keys ?? [json]);
    keys = list.map((jwk) => createPublicKey({ key: jwk as never, format: 'jwk' }));
  } else {
    const blocks = trimmed.match(/-----BEGIN PUBLIC KEY-----[\s\S]+?-----END PUBLIC KEY-----/g) ?? [];
    keys = blocks.map((pem) => createPublicKey(pem));
  }
  if (keys.length === 0) throw new Error('no public key found (PEM blocks, a JWK, a JWK array or a JWK Set)');
  return keys.map((k) => ({ kid: keyId(requireEd25519(k)), key: k }));
}

const keySchema = <T>(parse: (text: string) => T) =>
  z.string().transform((text, ctx) => {
    try {
      return parse(text);
    } catch (err) {
      ctx.addIssue({
        code: 'custom',
        message: `not a usable Ed25519 key: ${err instanceof Error ? err.message : String(err)}`,
      });
      return z.NEVER;
    }
  });

/** `CALLER_SIGNING_KEY`: the gateway's private key (PKCS#8 PEM or JWK). */
export const callerSigningKeySchema = keySchema(parseSigningKey);
/** `CALLER_VERIFY_KEYS`: every public key a service accepts caller assertions from. */
export const callerVerifyKeysSchema = keySchema(parseVerifyKeys);

/** A new key pair in the forms the settings take (for `npm start`, which makes one per run, and for tests). */
export function generateCallerKeyPair(): { signingKey: string; verifyKeys: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    signingKey: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
    verifyKeys: publicKey.export({ format: 'pem', type: 'spki' }).toString(),
  };
}
