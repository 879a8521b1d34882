import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { NotifierRpc, type Caller } from '@fleetward/contracts';
import { CurrentCaller } from '../auth/current-caller.decorator.js';
import { RequirePermission } from '../auth/require-permission.decorator.js';
import { ZodValidationPipe } from '../http/zod-validation.pipe.js';
import { ApiZodBody, ApiZodResponse } from '../openapi/api-zod.decorators.js';
import { ServiceClient } from '../rpc/service-client.js';
import { allowedHostAddSchema, type AllowedHostAdd } from './notifier-http.schemas.js';
import { HostPipe } from './notifier-path.pipes.js';

/**
 * Hosts an admin lets webhooks reach although they resolve to private or loopback addresses (an on-premises
 * ticketing system). Admin only: this lifts the SSRF guard for that host.
 */
@ApiTags('Channels')
@Controller('api/v1/webhook-allowed-hosts')
export class AllowedHostsController {
  constructor(private readonly services: ServiceClient) {}

  @Get()
  @RequirePermission('alerting:allow-hosts')
  @ApiZodResponse(NotifierRpc.allowedHostsList.response)
  list(@CurrentCaller() caller: Caller) {
    return this.services.call(NotifierRpc.allowedHostsList, {}, caller);
  }

  @Post()
  @RequirePermission('alerting:allow-hosts')
  @ApiZodBody(allowedHostAddSchema)
  @ApiZodResponse(NotifierRpc.allowedHostsAdd.response, { status: 201 })
  add(@CurrentCaller() caller: Caller, @Body(new ZodValidationPipe(allowedHostAddSchema)) body: AllowedHostAdd) {
    return this.services.call(NotifierRpc.allowedHostsAdd, { host: body.host }, caller);
  }

  @Delete(':host')
  @HttpCode(204)
  @RequirePermission('alerting:allow-hosts')
  async remove(@CurrentCaller() caller: Caller, @Param('host', HostPipe) host: string): Promise<void> {
    await this.services.call(NotifierRpc.allowedHostsRemove, { host }, caller);
  }
}
