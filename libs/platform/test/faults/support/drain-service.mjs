// A service process for the drain tests, run by `runService` like every service's main.ts, built from the
// platform's dist/ (plain JS, so decorators are applied by hand). It serves a slow HTTP route and a slow RPC, and a
// route that closes its NATS connection for good. Configured by the test's environment.
import 'reflect-metadata';
import { setTimeout as sleep } from 'node:timers/promises';
import { Controller, Get, Inject, Logger, Module } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { NatsClient, PlatformModule, runService, serviceConfigSchema } from '@fleetward/platform';

const name = 'draintest';
const configSchema = serviceConfigSchema(name, 0);
const slowMs = Number(process.env['SLOW_MS'] ?? 2000);
const logger = new Logger('DrainService');

class SlowController {
  constructor(nats) {
    this.nats = nats;
  }
  async slow() {
    logger.log('slow request started');
    await sleep(slowMs);
    return { done: true };
  }
  async slowRpc() {
    logger.log('slow rpc started');
    await sleep(slowMs);
    return { ok: true, data: { done: true } };
  }
  breakNats() {
    void this.nats.nc.close();
    return { closing: true };
  }
}
const method = (m) => [SlowController.prototype, m, Object.getOwnPropertyDescriptor(SlowController.prototype, m)];
Get('slow')(...method('slow'));
Get('break-nats')(...method('breakNats'));
MessagePattern(process.env['SLOW_RPC_SUBJECT'])(...method('slowRpc'));
Inject(NatsClient)(SlowController, undefined, 0);
Controller()(SlowController);

class AppModule {}
Module({ imports: [PlatformModule.forService({ name, configSchema })], controllers: [SlowController] })(AppModule);

await runService(AppModule, { name, configSchema });
