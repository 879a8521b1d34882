import { Controller, Injectable, Module, type INestApplication, type OnApplicationBootstrap } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { defineRpc, Streams, Subjects, type EventEnvelope } from '@fleetward/contracts';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { callerSigningConfigShape, serviceConfigSchema } from '../../../src/config/index.js';
import { DurableConsumer } from '../../../src/messaging/durable-consumer.js';
import { handleRpc } from '../../../src/rpc/index.js';
import { PlatformModule, RpcServer } from '../../../src/service/index.js';
import { testCallerKeys, uniqueId } from '../../../src/testing/index.js';
import { thingHappened } from '../../messaging/support/fixtures.js';

/** What one fault-test app serves and consumes: its own RPC subject and durable, so parallel runs never mix. */
export interface FaultAppSpec {
  orgId: string;
  durable: string;
  ping: ReturnType<typeof pingRpc>;
  received: EventEnvelope[];
}

/** The service the fault app plays: its RPCs are addressed to it (callers' assertions name it as their audience). */
const FAULT_SERVICE = 'faulttest';

export const pingRpc = (service: string) =>
  defineRpc({ pattern: Subjects.rpc(service, 'ping.get'), params: {}, response: z.object({ pong: z.literal(true) }) });

export function faultAppSpec(): FaultAppSpec {
  return { orgId: uniqueId('org'), durable: uniqueId('faults'), ping: pingRpc(FAULT_SERVICE), received: [] };
}

export interface FaultApp {
  app: INestApplication;
  base: string;
  close(): Promise<void>;
}

/**
 * A service built like the real ones (PlatformModule, the RPC server runService uses, a durable consumer started at
 * bootstrap), in process, with `env` deciding where NATS, Postgres and Redis are (a test's TCP proxies).
 */
export async function startFaultApp(spec: FaultAppSpec, env: Record<string, string>): Promise<FaultApp> {
  @Controller()
  class PingController {
    @MessagePattern(spec.ping.pattern)
    ping(@Payload() payload: unknown) {
      return handleRpc(spec.ping, payload, async () => ({ pong: true as const }));
    }
  }

  @Injectable()
  class Collector implements OnApplicationBootstrap {
    constructor(private readonly consumer: DurableConsumer) {}
    onApplicationBootstrap() {
      return this.consumer.start({
        durable: spec.durable,
        stream: Streams.events.name,
        filterSubject: Subjects.orgEvents(spec.orgId),
        events: [thingHappened],
        deliverFrom: 'new',
        ackWaitMs: 5_000,
        handle: (envelope) => void spec.received.push(envelope),
      });
    }
  }

  const name = FAULT_SERVICE;
  // Signs its own RPCs like the gateway (the test calls through the service's RpcClient too).
  const configSchema = serviceConfigSchema(name, 0).extend(callerSigningConfigShape);
  @Module({
    imports: [PlatformModule.forService({ name, configSchema, env: { ...testCallerKeys(), ...env } })],
    controllers: [PingController],
    providers: [DurableConsumer, Collector],
  })
  class FaultAppModule {}

  const app = await NestFactory.create(FaultAppModule, { logger: ['fatal'], abortOnError: false });
  const rpcServer = new RpcServer({ config: { NATS_URL: env['NATS_URL']! }, name: `${name}-rpc` }, spec.ping.pattern);
  app.connectMicroservice({ strategy: rpcServer });
  await app.startAllMicroservices();
  rpcServer.registerHealth(app);
  await app.listen(0);
  const base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  return { app, base, close: () => app.close() };
}

export async function readiness(base: string): Promise<{ status: number; body: { checks: Record<string, string> } }> {
  const res = await fetch(`${base}/readyz`);
  return { status: res.status, body: (await res.json()) as { checks: Record<string, string> } };
}
