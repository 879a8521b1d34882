import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import path from 'node:path';
import type { Subscription } from '@nats-io/transport-node';
import { InventoryRpc, type Caller } from '@fleetward/contracts';
import { CallerVerifier, generateCallerKeyPair, NatsClient, parseVerifyKeys } from '@fleetward/platform';
import { runToExit, testCallerKeys } from '@fleetward/platform/testing';
import { fakeResponder } from './support/fake-responder.js';
import { bearer, startGateway, type TestGateway, type TestOrg } from './support/gateway-app.js';

// The gateway side of signed callers: each RPC carries a fresh assertion for its target service naming the
// authenticated caller; a service refusing it is the installation's fault (500), not the client's (403).
describe('gateway caller assertions', () => {
  let gw: TestGateway;
  let org: TestOrg;
  let responder: Subscription;
  let refuse = false;
  const seen: { caller: Caller; assertion: unknown; verified?: Caller; error?: string }[] = [];
  const verifier = () => new CallerVerifier(parseVerifyKeys(testCallerKeys().CALLER_VERIFY_KEYS), 'inventory');
  let inventory: CallerVerifier;

  beforeAll(async () => {
    gw = await startGateway();
    org = await gw.newOrg();
    inventory = verifier();
    responder = fakeResponder(gw.app.get(NatsClient).nc, InventoryRpc.sitesGet, (data) => {
      const { caller, callerAssertion } = data as { caller: Caller; callerAssertion: unknown };
      const entry: (typeof seen)[number] = { caller, assertion: callerAssertion };
      seen.push(entry);
      if (refuse) return { ok: false, error: { code: 'FORBIDDEN', reason: 'CALLER_ASSERTION_INVALID', message: 'no' } };
      return inventory.verify(callerAssertion).then(
        (v) => ((entry.verified = v), { ok: true, data: { id: 'hq', name: 'HQ' } }),
        (e: Error) => (
          (entry.error = e.message),
          { ok: false, error: { code: 'FORBIDDEN', reason: 'X', message: '' } }
        ),
      );
    });
  }, 60_000);
  afterAll(async () => {
    responder?.unsubscribe();
    await gw?.close();
  });

  it('signs each call for the target service, naming the authenticated caller, never twice the same', async () => {
    for (let i = 0; i < 2; i++) {
      const res = await fetch(gw.url('/api/v1/sites/hq'), { headers: bearer(org.keys.ot) });
      expect(res.status).toBe(200);
    }
    expect(seen.map((s) => s.error)).toEqual([undefined, undefined]);
    expect(seen[0]!.verified).toEqual(seen[0]!.caller);
    expect(seen[0]!.verified).toMatchObject({ orgId: org.id, role: 'ot' });
    expect(seen[0]!.assertion).not.toEqual(seen[1]!.assertion);
    // Minted for inventory: another service would refuse it.
    const health = new CallerVerifier(parseVerifyKeys(testCallerKeys().CALLER_VERIFY_KEYS), 'health');
    await expect(health.verify(seen[1]!.assertion)).rejects.toMatchObject({ why: 'wrong-audience' });
  });

  it("answers 500, not 403, when a service refuses the gateway's own assertion", async () => {
    refuse = true;
    const res = await fetch(gw.url('/api/v1/sites/hq'), { headers: bearer(org.keys.admin) });
    refuse = false;
    expect(res.status).toBe(500);
    expect(await res.json()).toMatchObject({ code: 'INTERNAL' });
  });

  it('refuses to start with a signing key the verify keys do not hold', () => {
    const [mine, other] = [generateCallerKeyPair(), generateCallerKeyPair()];
    const entry = path.resolve(import.meta.dirname, '../dist/main.js');
    const { code, output } = runToExit(entry, {
      DATABASE_URL: gw.db.appUrl,
      DB_SCHEMA: gw.db.schema,
      PORT: '0',
      CALLER_SIGNING_KEY: mine.signingKey,
      CALLER_VERIFY_KEYS: other.verifyKeys,
    });
    expect(code).toBe(1);
    expect(output).toMatch(/CALLER_SIGNING_KEY: its public key \(kid .+\) is not in CALLER_VERIFY_KEYS/);
  });
});
