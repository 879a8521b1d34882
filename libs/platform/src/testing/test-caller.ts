import type { Caller } from '@fleetward/contracts';
import { CALLER_ASSERTION_HEADER } from '../caller/caller-assertion.js';
import { generateCallerKeyPair, parseSigningKey } from '../caller/caller-keys.js';
import { CallerSigner } from '../caller/caller-signer.js';
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
