import { Controller, Get, Module } from '@nestjs/common';
import { z } from 'zod';
import { defineRpc, Subjects, type Caller } from '@fleetward/contracts';
import { uniqueId } from '@fleetward/platform/testing';
import { CurrentCaller } from '../../src/auth/current-caller.decorator.js';
import { RequirePermission } from '../../src/auth/require-permission.decorator.js';
import { ServiceClient } from '../../src/rpc/service-client.js';

/** Calls to services that do not answer: nobody subscribes to `absentRpc`; the test subscribes to `silentRpc` and never replies. */
export const absentRpc = defineRpc({
  pattern: Subjects.rpc('absent', uniqueId('nobody')),
  params: {},
  response: z.object({}),
});
export const silentRpc = defineRpc({
  pattern: Subjects.rpc('silent', uniqueId('mute')),
  params: {},
  response: z.object({}),
});

@Controller('api/v1/test-only')
class UnansweredController {
  constructor(private readonly services: ServiceClient) {}

  @Get('absent')
  @RequirePermission('devices:read')
  absent(@CurrentCaller() caller: Caller) {
    return this.services.call(absentRpc, {}, caller);
  }

  @Get('silent')
  @RequirePermission('devices:read')
  silent(@CurrentCaller() caller: Caller) {
    return this.services.call(silentRpc, {}, caller);
  }
}

/** Test-only routes mounted next to the real gateway. */
@Module({ controllers: [UnansweredController] })
export class UnansweredRouteModule {}
