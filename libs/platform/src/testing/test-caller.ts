import { randomUUID } from 'node:crypto';
import type { Caller } from '@fleetward/contracts';
import { SignJWT } from 'jose';
import {
  CALLER_ASSERTION_ALG,
  CALLER_ASSERTION_HEADER,
  CALLER_ASSERTION_ISSUER,
  CALLER_ASSERTION_TYP,
} from '../caller/caller-assertion.js';
import { generateCallerKeyPair, parseSigningKey, parseVerifyKeys } from '../caller/caller-keys.js';
import { CallerSigner } from '../caller/caller-signer.js';
import { CallerVerifier } from '../caller/caller-verifier.js';
import { registerRpcVerifier } from '../caller/rpc-callers.js';
import { RpcClient } from '../rpc/rpc-client.js';
import { testNatsUrl } from './test-nats.js';

/**
 * The caller-assertion key pair of the running test file: under jest, made for the file by its environment
 * (tools/dev/jest/nats-environment.mjs sets CALLER_SIGNING_KEY and CALLER_VERIFY_KEYS); otherwise (a benchmark script)
 * made here once and put in process.env, so a gateway configured from process.env signs with it and a service process
 * started with `startServiceProcess` trusts it.
 */
export function testCallerKeys(): { CALLER_SIGNING_KEY: string; CALLER_VERIFY_KEYS: string } {
  if (!process.env['CALLER_SIGNING_KEY'] || !process.env['CALLER_VERIFY_KEYS']) {
    const pair = generateCallerKeyPair();
    process.env['CALLER_SIGNING_KEY'] = pair.signingKey;
    process.env['CALLER_VERIFY_KEYS'] = pair.verifyKeys;
  }
  return {
    CALLER_SIGNING_KEY: process.env['CALLER_SIGNING_KEY']!,
    CALLER_VERIFY_KEYS: process.env['CALLER_VERIFY_KEYS']!,
  };
}

/** What a service's explicit `env` needs to trust the test's assertions. */
export function testCallerEnv(): { CALLER_VERIFY_KEYS: string } {
  return { CALLER_VERIFY_KEYS: testCallerKeys().CALLER_VERIFY_KEYS };
}

/** Mints assertions as the gateway would (for a test that calls a service itself). */
export function testCallerSigner(ttlSeconds?: number): CallerSigner {
  return new CallerSigner(parseSigningKey(testCallerKeys().CALLER_SIGNING_KEY), ttlSeconds);
}

/** An RpcClient that signs like the gateway's, on the test file's NATS. */
export function signedRpcClient(name: string, servers: string = testNatsUrl()): RpcClient {
  return RpcClient.connect({ servers, name, signer: testCallerSigner() });
}

/** Headers for a request to a service's internal HTTP port, as the gateway's proxy sends them. */
export async function callerAssertionHeaders(caller: Caller, service: string): Promise<Record<string, string>> {
  return { [CALLER_ASSERTION_HEADER]: await testCallerSigner().mint(caller, service) };
}

/** The `callerAssertion` an RPC payload needs, for a test that calls a handler in-process (`handleRpc`). */
export async function signedPayload<T extends { caller: Caller }>(service: string, payload: T): Promise<T> {
  return { ...payload, callerAssertion: await testCallerSigner().mint(payload.caller, service) };
}

/**
 * For a test that serves RPCs without `PlatformModule` (a bare Nest microservice, or `handleRpc` called directly):
 * makes `handleRpc` verify `service`'s requests against the test keys. Returns the unregister function.
 */
export function registerTestRpcVerifier(service: string): () => void {
  return registerRpcVerifier(new CallerVerifier(parseVerifyKeys(testCallerKeys().CALLER_VERIFY_KEYS), service));
}

/** A correctly signed assertion that expired `agoSeconds` ago (for tests that must see it refused). */
export function expiredCallerAssertion(caller: Caller, audience: string, agoSeconds = 30): Promise<string> {
  const key = parseSigningKey(testCallerKeys().CALLER_SIGNING_KEY);
  const exp = Math.floor(Date.now() / 1000) - agoSeconds;
  return new SignJWT({ org: caller.orgId, role: caller.role, cid: caller.correlationId })
    .setProtectedHeader({ alg: CALLER_ASSERTION_ALG, kid: key.kid, typ: CALLER_ASSERTION_TYP })
    .setIssuer(CALLER_ASSERTION_ISSUER)
    .setSubject(caller.actor)
    .setAudience(audience)
    .setJti(randomUUID())
    .setIssuedAt(exp - 10)
    .setExpirationTime(exp)
    .sign(key.key);
}
