import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Controller, Logger, Module, type INestMicroservice } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { MessagePattern, Payload, ServerNats } from '@nestjs/microservices';
import type { NatsConnection } from '@nats-io/transport-node';
import { defineRpc, Subjects, type Caller } from '@fleetward/contracts';
import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { register } from 'prom-client';
import { z } from 'zod';
import { generateCallerKeyPair, parseSigningKey, type CallerKey } from '../../src/caller/index.js';
import { natsServerOptions } from '../../src/nats/nats-servers.js';
import { handleRpc } from '../../src/rpc/index.js';
import {
  connectTestNats,
  registerTestRpcVerifier,
  testCallerKeys,
  testCallerSigner,
  testNatsUrl,
  uniqueId,
} from '../../src/testing/index.js';

// The attack of issue 14: an anonymous NATS client asks a service for another organisation's data with a made-up
// caller. Every such request must be refused before the handler runs; the gateway's signed requests still work.
const service = uniqueId('callertest').replace(/[^A-Za-z0-9_-]/g, '_');
const sitesGet = defineRpc({
  pattern: Subjects.rpc(service, 'sites.get'),
  params: { id: z.string() },
  response: z.object({ id: z.string(), orgId: z.string(), actor: z.string() }),
});
const ran: Caller[] = [];

@Controller()
class SitesController {
  @MessagePattern(sitesGet.pattern)
  get(@Payload() payload: unknown) {
    return handleRpc(sitesGet, payload, (r) => {
      ran.push(r.caller);
      return { id: r.id, orgId: r.caller.orgId, actor: r.caller.actor };
    });
  }
}

@Module({ controllers: [SitesController] })
class SitesModule {}

const victim: Caller = { orgId: uniqueId('org-a'), role: 'viewer', actor: 'user:a', correlationId: 'c-1' };
const testKey = (): CallerKey => parseSigningKey(testCallerKeys().CALLER_SIGNING_KEY);

/** A token shaped like the gateway's, with any claim or header overridden (to forge, expire or misaddress it). */
function craft(o: { key?: CallerKey; aud?: string; iat?: number; exp?: number; caller?: Caller; alg?: string } = {}) {
  const key = o.key ?? testKey();
  const c = o.caller ?? victim;
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ org: c.orgId, role: c.role, cid: c.correlationId })
    .setProtectedHeader({ alg: o.alg ?? 'EdDSA', kid: key.kid, typ: 'fleetward-caller+jwt' })
    .setIssuer('fleetward-gateway')
    .setSubject(c.actor)
    .setAudience(o.aud ?? service)
    .setJti(randomUUID())
    .setIssuedAt(o.iat ?? now)
    .setExpirationTime(o.exp ?? now + 10)
    .sign(key.key);
}

function refusals(reason: string): number {
  const metric = register.getSingleMetric('fleetward_caller_assertions_refused_total');
  const values = (metric as unknown as { hashMap: Record<string, { value: number; labels: Record<string, string> }> })
    ?.hashMap;
  return Object.values(values ?? {})
    .filter((v) => v.labels['reason'] === reason && v.labels['via'] === 'rpc')
    .reduce((n, v) => n + v.value, 0);
}

describe('caller assertions on NATS RPC (real NATS, anonymous attacker client)', () => {
  let server: INestMicroservice;
  let nc: NatsConnection;
  let unregister: () => void;

  /** Sends a raw Nest request packet, as any NATS client can. */
  async function send(
    data: Record<string, unknown>,
  ): Promise<{ ok: boolean; error?: { code: string; reason: string } }> {
    const packet = { pattern: sitesGet.pattern, data, id: randomUUID() };
    const msg = await nc.request(sitesGet.pattern, JSON.stringify(packet), { timeout: 5000 });
    return (JSON.parse(new TextDecoder().decode(msg.data)) as { response: never }).response;
  }

  const refused = { ok: false, error: { code: 'FORBIDDEN', reason: 'CALLER_ASSERTION_INVALID' } };

  beforeAll(async () => {
    unregister = registerTestRpcVerifier(service);
    Logger.overrideLogger(false);
    server = await NestFactory.createMicroservice(SitesModule, {
      strategy: new ServerNats({ ...natsServerOptions(testNatsUrl()), queue: service }),
      logger: false,
    });
    await server.listen();
    nc = await connectTestNats({ name: 'attacker' });
  });
  afterAll(async () => {
    Logger.overrideLogger(['error', 'warn', 'log']);
    await nc?.close();
    await server?.close();
    unregister?.();
  });

  it('refuses a made-up caller with no assertion, and the handler never runs', async () => {
    const before = refusals('missing');
    expect(await send({ id: 's1', caller: { ...victim, role: 'admin' } })).toMatchObject(refused);
    expect(refusals('missing')).toBe(before + 1);
    expect(ran).toEqual([]);
  });

  it('refuses an assertion signed by a key the service does not trust, or altered after signing', async () => {
    const attackerKey = parseSigningKey(generateCallerKeyPair().signingKey);
    expect(await send({ id: 's1', caller: victim, callerAssertion: await craft({ key: attackerKey }) })).toMatchObject(
      refused,
    );
    // Same kid as the trusted key, other key: the signature does not verify.
    const sameKid = { ...attackerKey, kid: testKey().kid };
    const before = refusals('bad-signature');
    expect(await send({ id: 's1', caller: victim, callerAssertion: await craft({ key: sameKid }) })).toMatchObject(
      refused,
    );
    expect(refusals('bad-signature')).toBe(before + 1);
    // A genuine token whose claims were edited to another organisation.
    const genuine = await testCallerSigner().mint(victim, service);
    const [h, p, s] = genuine.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(p, 'base64url').toString()) as Record<string, unknown>;
    const edited = Buffer.from(JSON.stringify({ ...claims, org: 'org-b' })).toString('base64url');
    const other = { ...victim, orgId: 'org-b' };
    expect(await send({ id: 's1', caller: other, callerAssertion: `${h}.${edited}.${s}` })).toMatchObject(refused);
    expect(await send({ id: 's1', caller: victim, callerAssertion: 'not.a.jws' })).toMatchObject(refused);
    expect(ran).toEqual([]);
  });

  it("refuses a genuine assertion for one organisation carrying another organisation's caller in the payload", async () => {
    const assertion = await testCallerSigner().mint(victim, service);
    const before = refusals('caller-mismatch');
    const forged = { ...victim, orgId: uniqueId('org-b') };
    expect(await send({ id: 's1', caller: forged, callerAssertion: assertion })).toMatchObject(refused);
    const promoted = { ...victim, role: 'admin' };
    expect(
      await send({ id: 's1', caller: promoted, callerAssertion: await testCallerSigner().mint(victim, service) }),
    ).toMatchObject(refused);
    expect(refusals('caller-mismatch')).toBe(before + 2);
    expect(ran).toEqual([]);
  });

  it('refuses an expired assertion, one for another service, and one living longer than a minute', async () => {
    const now = Math.floor(Date.now() / 1000);
    const before = { expired: refusals('expired'), aud: refusals('wrong-audience') };
    expect(
      await send({ id: 's1', caller: victim, callerAssertion: await craft({ iat: now - 30, exp: now - 20 }) }),
    ).toMatchObject(refused);
    expect(await send({ id: 's1', caller: victim, callerAssertion: await craft({ aud: 'inventory' }) })).toMatchObject(
      refused,
    );
    expect(await send({ id: 's1', caller: victim, callerAssertion: await craft({ exp: now + 3600 }) })).toMatchObject(
      refused,
    );
    expect(refusals('expired')).toBe(before.expired + 1);
    expect(refusals('wrong-audience')).toBe(before.aud + 1);
    expect(ran).toEqual([]);
  });

  it('answers a gateway-signed request with the verified caller, once: the same assertion again is a replay', async () => {
    const request = { id: 's1', caller: victim, callerAssertion: await testCallerSigner().mint(victim, service) };
    expect(await send(request)).toEqual({ ok: true, data: { id: 's1', orgId: victim.orgId, actor: 'user:a' } });
    expect(ran).toEqual([victim]);
    const before = refusals('replayed');
    expect(await send(request)).toMatchObject(refused);
    expect(refusals('replayed')).toBe(before + 1);
    expect(ran).toHaveLength(1);
  });
});
