import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Controller, Logger, Module, type INestMicroservice } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { MessagePattern, Payload, ServerNats } from '@nestjs/microservices';
import { defineRpc, Subjects } from '@fleetward/contracts';
import { z } from 'zod';
import { currentCorrelationId } from '../../src/logging/correlation.js';
import { DomainError, handleRpc, type RpcClient } from '../../src/rpc/index.js';
import { natsServerOptions } from '../../src/nats/nats-servers.js';
import {
  registerTestRpcVerifier,
  signedPayload,
  signedRpcClient,
  testNatsUrl,
  uniqueId,
} from '../../src/testing/index.js';

const NATS = testNatsUrl();
const service = uniqueId('rpctest');

// `id` and `data` as request fields: Nest's NATS transport must not mistake them for its own packet keys.
const getThing = defineRpc({
  pattern: Subjects.rpc(service, 'things.get'),
  params: { id: z.string().min(1), data: z.string().optional() },
  response: z.object({ id: z.string(), data: z.string().nullable(), correlationId: z.string() }),
});
const nobodyServes = defineRpc({ pattern: Subjects.rpc(service, 'nothing.here'), params: {}, response: z.null() });
const rawReply = defineRpc({ pattern: Subjects.rpc(service, 'raw.reply'), params: {}, response: z.null() });
const tooSlow = defineRpc({ pattern: Subjects.rpc(service, 'slow.call'), params: {}, response: z.null() });
let releaseSlow: () => void = () => undefined;
const slowReleased = new Promise<void>((resolve) => (releaseSlow = resolve));

@Controller()
class ThingsController {
  @MessagePattern(getThing.pattern)
  get(@Payload() payload: unknown) {
    return handleRpc(getThing, payload, async (req) => {
      if (req.id === 'missing')
        throw new DomainError('NOT_FOUND', 'THING_NOT_FOUND', `thing ${req.id} not found`, { id: req.id });
      if (req.id === 'boom') throw new Error('connection string postgres://secret leaked?');
      if (req.id === 'off-contract') return { id: req.id, data: 42, correlationId: 'x' } as never;
      return { id: req.id, data: req.data ?? null, correlationId: currentCorrelationId() ?? 'none' };
    });
  }

  // Not through handleRpc: a reply that is no RpcReply at all.
  @MessagePattern(rawReply.pattern)
  raw() {
    return { status: 'fine' };
  }

  @MessagePattern(tooSlow.pattern)
  slow(@Payload() payload: unknown) {
    return handleRpc(tooSlow, payload, async () => {
      await slowReleased;
      return null;
    });
  }
}

@Module({ controllers: [ThingsController] })
class ThingsModule {}

// handleRpc verifies every request's caller assertion: this file's service trusts the test keys, its client signs.
registerTestRpcVerifier(service);

const caller = (correlationId = uniqueId('corr')) => ({
  orgId: uniqueId('org'),
  role: 'admin' as const,
  actor: 'u1',
  correlationId,
});

describe('RPC over NATS: handleRpc + RpcClient', () => {
  let server: INestMicroservice;
  let client: RpcClient;

  beforeAll(async () => {
    server = await NestFactory.createMicroservice(ThingsModule, {
      strategy: new ServerNats({ ...natsServerOptions(NATS), queue: service }),
      logger: false,
    });
    await server.listen();
    client = signedRpcClient(`${service}-client`, NATS);
  });
  afterAll(async () => {
    releaseSlow();
    await client.onApplicationShutdown();
    await server.close();
  });

  it('returns the data, with the handler running under the caller correlation id', async () => {
    const who = caller('corr-123');
    await expect(client.call(getThing, { id: 'dev-1', data: 'x', caller: who })).resolves.toEqual({
      id: 'dev-1',
      data: 'x',
      correlationId: 'corr-123',
    });
  });

  it('turns a DomainError into the same DomainError at the caller', async () => {
    const err = await client.call(getThing, { id: 'missing', caller: caller() }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DomainError);
    expect(err).toMatchObject({ code: 'NOT_FOUND', reason: 'THING_NOT_FOUND', details: { id: 'missing' } });
  });

  it('answers INTERNAL without leaking the message of an unexpected error', async () => {
    Logger.overrideLogger(false);
    const err = (await client.call(getThing, { id: 'boom', caller: caller() }).catch((e: unknown) => e)) as DomainError;
    Logger.overrideLogger(['error', 'warn', 'log']);
    expect(err).toMatchObject({ code: 'INTERNAL', reason: 'INTERNAL_ERROR' });
    expect(err.message).not.toContain('postgres');
  });

  it('gives the caller INTERNAL when the response breaks its contract (checked once, by the service)', async () => {
    Logger.overrideLogger(false);
    const err = await client.call(getThing, { id: 'off-contract', caller: caller() }).catch((e: unknown) => e);
    Logger.overrideLogger(['error', 'warn', 'log']);
    expect(err).toBeInstanceOf(DomainError);
    expect(err).toMatchObject({ code: 'INTERNAL', reason: 'INVALID_RESPONSE' });
  });

  it('gives INTERNAL INVALID_REPLY for a reply that is not an RpcReply', async () => {
    const err = await client.call(rawReply, { caller: caller() }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DomainError);
    expect(err).toMatchObject({ code: 'INTERNAL', reason: 'INVALID_REPLY' });
  });

  it('refuses a request that breaks the schema before sending it', async () => {
    const bad = { id: '', caller: caller() };
    await expect(client.call(getThing, bad)).rejects.toMatchObject({ code: 'INVALID' });
  });

  it('gives UNAVAILABLE when the service does not answer in time', async () => {
    const started = Date.now();
    await expect(client.call(tooSlow, { caller: caller() }, { timeoutMs: 300 })).rejects.toMatchObject({
      code: 'UNAVAILABLE',
      reason: 'RPC_TIMEOUT',
    });
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('gives UNAVAILABLE at once when no service listens on the subject', async () => {
    await expect(client.call(nobodyServes, { caller: caller() }, { timeoutMs: 5000 })).rejects.toMatchObject({
      code: 'UNAVAILABLE',
      reason: 'RPC_NO_RESPONDER',
    });
  });
});

describe('handleRpc on its own', () => {
  it('answers INVALID with the zod issues in details', async () => {
    const reply = await handleRpc(getThing, await signedPayload(service, { id: 42, caller: caller() }), async () => {
      throw new Error('must not run');
    });
    expect(reply.ok).toBe(false);
    if (reply.ok) return;
    expect(reply.error).toMatchObject({ code: 'INVALID', reason: 'INVALID_REQUEST' });
    const paths = (reply.error.details as { path: unknown[] }[]).map((i) => i.path.join('.'));
    expect(paths).toEqual(['id']);
  });

  it('answers INTERNAL when the handler breaks the response contract', async () => {
    Logger.overrideLogger(false);
    const request = await signedPayload(service, { id: 'a', caller: caller() });
    const reply = await handleRpc(getThing, request, async () => ({ wrong: true }) as never);
    Logger.overrideLogger(['error', 'warn', 'log']);
    expect(reply).toMatchObject({ ok: false, error: { code: 'INTERNAL', reason: 'INVALID_RESPONSE' } });
  });
});
