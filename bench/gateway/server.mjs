// The gateway under test (child process of gateway.bench.mjs): the real AppModule from services/gateway/dist plus
// two bench routes and, because no domain route is ready in this run, a tiny RPC responder in the same process.
//   GET /bench/bare            a bare Nest route: no auth, no audit, no RPC
//   GET /api/v1/bench/echo     authenticated (API key, rate limit, permission) -> NATS request/reply -> responder
import 'reflect-metadata';
import { Controller, Get, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { MessagePattern, ServerNats } from '@nestjs/microservices';
import { z } from 'zod';
import { defineRpc, Subjects } from '@fleetward/contracts';
import { correlationMiddleware, handleRpc } from '@fleetward/platform';
import { registerTestRpcVerifier, testCallerKeys } from '@fleetward/platform/testing';
import { AppModule } from '../../services/gateway/dist/app.module.js';
import { CurrentCaller } from '../../services/gateway/dist/auth/current-caller.decorator.js';
import { Public } from '../../services/gateway/dist/auth/public.decorator.js';
import { RequirePermission } from '../../services/gateway/dist/auth/require-permission.decorator.js';
import { ServiceClient } from '../../services/gateway/dist/rpc/service-client.js';

const echoRpc = defineRpc({
  pattern: Subjects.rpc('bench', process.env.BENCH_PATTERN ?? 'echo'),
  params: { n: z.number().int() },
  response: z.object({ orgId: z.string(), n: z.number().int() }),
});

class BenchController {
  constructor(services) {
    this.services = services;
  }
  bare() {
    return { ok: true };
  }
  echo(caller) {
    return this.services.call(echoRpc, { n: 1 }, caller);
  }
}
Reflect.defineMetadata('design:paramtypes', [ServiceClient], BenchController);
const method = (name) => Object.getOwnPropertyDescriptor(BenchController.prototype, name);
Reflect.decorate([Get('bench/bare'), Public()], BenchController.prototype, 'bare', method('bare'));
Reflect.decorate(
  [Get('api/v1/bench/echo'), RequirePermission('devices:read')],
  BenchController.prototype,
  'echo',
  method('echo'),
);
CurrentCaller()(BenchController.prototype, 'echo', 0);
Reflect.decorate([Controller()], BenchController);

/** Stands in for a domain service: validates the request and answers through the platform's handleRpc. */
class Responder {
  echo(payload) {
    return handleRpc(echoRpc, payload, (req) => ({ orgId: req.caller.orgId, n: req.n }));
  }
}
Reflect.decorate(
  [MessagePattern(echoRpc.pattern)],
  Responder.prototype,
  'echo',
  Object.getOwnPropertyDescriptor(Responder.prototype, 'echo'),
);
Reflect.decorate([Controller()], Responder);

class BenchModule {}
Reflect.decorate([Module({ imports: [AppModule], controllers: [BenchController, Responder] })], BenchModule);

// The gateway signs each RPC's caller assertion and the responder verifies it, as in production: a key pair of this
// run (put in process.env before the gateway reads its config) and a verifier for the bench pattern's service.
testCallerKeys();
registerTestRpcVerifier('bench');
const app = await NestFactory.create(BenchModule, { logger: ['error', 'warn'] });
app.use(correlationMiddleware);
app.connectMicroservice({
  strategy: new ServerNats({ servers: process.env.NATS_URL ?? 'nats://127.0.0.1:4222', queue: 'bench' }),
});
await app.startAllMicroservices();
await app.listen(0, '127.0.0.1');
process.stdout.write(`LISTENING ${app.getHttpServer().address().port}\n`);
process.on('SIGTERM', () => app.close().then(() => process.exit(0)));
