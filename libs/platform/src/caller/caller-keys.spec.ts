import { describe, expect, it } from '@jest/globals';
import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { z } from 'zod';
import { loadConfig } from '../config/load-config.js';
import { callerSigningConfigShape } from '../config/caller-config.js';
import { generateCallerKeyPair, parseSigningKey, parseVerifyKeys, callerVerifyKeysSchema } from './caller-keys.js';
import { CallerSigner } from './caller-signer.js';
import { CallerVerifier } from './caller-verifier.js';
import { signerFrom } from './caller.providers.js';
import { ReplayCache } from './replay-cache.js';

const caller = { orgId: 'org-a', role: 'it' as const, actor: 'user:a', correlationId: 'c' };
const schema = z.object({ CALLER_VERIFY_KEYS: callerVerifyKeysSchema, ...callerSigningConfigShape });

describe('caller-assertion keys', () => {
  it('accepts a list of keys (rotation): an assertion from either is verified', async () => {
    const [current, next] = [generateCallerKeyPair(), generateCallerKeyPair()];
    const verifier = new CallerVerifier(parseVerifyKeys(`${current.verifyKeys}\n${next.verifyKeys}`), 'inventory');
    for (const pair of [current, next]) {
      const token = await new CallerSigner(parseSigningKey(pair.signingKey)).mint(caller, 'inventory');
      await expect(verifier.verify(token)).resolves.toEqual(caller);
    }
  });

  it('reads JWKs (one, an array, a JWK Set) with the same key ids as PEM', () => {
    const pair = generateCallerKeyPair();
    const jwk = createPublicKey(pair.verifyKeys).export({ format: 'jwk' });
    const [fromPem] = parseVerifyKeys(pair.verifyKeys);
    for (const text of [JSON.stringify(jwk), JSON.stringify([jwk]), JSON.stringify({ keys: [jwk] })]) {
      expect(parseVerifyKeys(text).map((k) => k.kid)).toEqual([fromPem!.kid]);
    }
  });

  it('refuses at boot, naming the variable, a key that is not Ed25519 or not a key', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ format: 'pem', type: 'spki' });
    const pair = generateCallerKeyPair();
    expect(() => loadConfig(schema, { CALLER_VERIFY_KEYS: String(rsa), CALLER_SIGNING_KEY: pair.signingKey })).toThrow(
      /^CALLER_VERIFY_KEYS is invalid: not a usable Ed25519 key: an Ed25519 key is needed, not rsa$/,
    );
    expect(() => loadConfig(schema, { CALLER_VERIFY_KEYS: pair.verifyKeys, CALLER_SIGNING_KEY: 'secret' })).toThrow(
      /^CALLER_SIGNING_KEY is invalid: not a usable Ed25519 key/,
    );
    expect(() => loadConfig(schema, { CALLER_SIGNING_KEY: pair.signingKey })).toThrow(
      /^CALLER_VERIFY_KEYS is required$/,
    );
  });

  it('refuses a gateway whose signing key the verify keys do not hold', () => {
    const [mine, other] = [generateCallerKeyPair(), generateCallerKeyPair()];
    const config = loadConfig(schema, { CALLER_VERIFY_KEYS: other.verifyKeys, CALLER_SIGNING_KEY: mine.signingKey });
    expect(() => signerFrom(config as never)).toThrow(
      /CALLER_SIGNING_KEY: its public key \(kid .+\) is not in CALLER_VERIFY_KEYS/,
    );
    const ok = loadConfig(schema, {
      CALLER_VERIFY_KEYS: `${other.verifyKeys}${mine.verifyKeys}`,
      CALLER_SIGNING_KEY: mine.signingKey,
    });
    expect(signerFrom(ok as never)).toBeInstanceOf(CallerSigner);
  });
});

describe('ReplayCache', () => {
  it('forgets a jti once it expired, and refuses new ones rather than forget live ones when full', () => {
    let now = 100;
    const cache = new ReplayCache(2, () => now);
    expect(cache.remember('a', 105)).toBe('fresh');
    expect(cache.remember('a', 105)).toBe('replayed');
    expect(cache.remember('b', 106)).toBe('fresh');
    expect(cache.remember('c', 107)).toBe('full');
    now = 105.5;
    expect(cache.remember('c', 107)).toBe('fresh');
    expect(cache.size).toBe(2);
  });
});
