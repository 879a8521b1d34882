import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  channelInputSchema,
  channelUpdateSchema,
  NotifierRpc,
  pageRequestSchema,
  type Caller,
} from '@fleetward/contracts';
import type { z } from 'zod';
import { CurrentCaller } from '../auth/current-caller.decorator.js';
import { RequirePermission } from '../auth/require-permission.decorator.js';
import { ZodValidationPipe } from '../http/zod-validation.pipe.js';
import { ApiZodBody, ApiZodQuery, ApiZodResponse } from '../openapi/api-zod.decorators.js';
import { ServiceClient } from '../rpc/service-client.js';
import { rotateSecretSchema, type RotateSecret } from './notifier-http.schemas.js';
import { UuidPipe } from './notifier-path.pipes.js';

/**
 * Where notifications go: email, signed webhooks, Slack, Teams. Webhook URLs to private, loopback, link-local or
 * metadata addresses are refused (400 `UNSAFE_URL`) unless an admin allow-listed the host.
 */
@ApiTags('Channels')
@Controller('api/v1/channels')
export class ChannelsController {
  constructor(private readonly services: ServiceClient) {}

  @Get()
  @RequirePermission('alerting:read')
  @ApiZodQuery(pageRequestSchema)
  @ApiZodResponse(NotifierRpc.channelsList.response)
  list(
    @CurrentCaller() caller: Caller,
    @Query(new ZodValidationPipe(pageRequestSchema)) page: z.output<typeof pageRequestSchema>,
  ) {
    return this.services.call(NotifierRpc.channelsList, page, caller);
  }

  @Post()
  @RequirePermission('alerting:write')
  @ApiZodBody(channelInputSchema)
  @ApiZodResponse(NotifierRpc.channelsCreate.response, {
    status: 201,
    description: 'The channel; a webhook signing `secret` is shown this once only',
  })
  create(
    @CurrentCaller() caller: Caller,
    @Body(new ZodValidationPipe(channelInputSchema)) channel: z.output<typeof channelInputSchema>,
  ) {
    return this.services.call(NotifierRpc.channelsCreate, { channel }, caller);
  }

  @Patch(':id')
  @RequirePermission('alerting:write')
  @ApiZodBody(channelUpdateSchema)
  @ApiZodResponse(NotifierRpc.channelsUpdate.response)
  update(
    @CurrentCaller() caller: Caller,
    @Param('id', UuidPipe) id: string,
    @Body(new ZodValidationPipe(channelUpdateSchema)) patch: z.output<typeof channelUpdateSchema>,
  ) {
    return this.services.call(NotifierRpc.channelsUpdate, { id, patch }, caller);
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermission('alerting:write')
  async remove(@CurrentCaller() caller: Caller, @Param('id', UuidPipe) id: string): Promise<void> {
    await this.services.call(NotifierRpc.channelsDelete, { id }, caller);
  }

  @Post(':id/test')
  @HttpCode(200)
  @RequirePermission('alerting:write')
  @ApiZodResponse(NotifierRpc.channelsTest.response, { description: 'The outcome of one test notification' })
  test(@CurrentCaller() caller: Caller, @Param('id', UuidPipe) id: string) {
    return this.services.call(NotifierRpc.channelsTest, { id }, caller);
  }

  @Post(':id/rotate-secret')
  @HttpCode(200)
  @RequirePermission('alerting:write')
  @ApiZodBody(rotateSecretSchema)
  @ApiZodResponse(NotifierRpc.channelsRotateSecret.response, {
    description: 'The new signing `secret`, shown this once; until `expireOld`, messages carry both signatures',
  })
  rotateSecret(
    @CurrentCaller() caller: Caller,
    @Param('id', UuidPipe) id: string,
    @Body(new ZodValidationPipe(rotateSecretSchema)) body: RotateSecret,
  ) {
    return this.services.call(NotifierRpc.channelsRotateSecret, { id, expireOld: body.expireOld }, caller);
  }
}
