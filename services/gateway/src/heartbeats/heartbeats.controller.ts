import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import type { Caller } from '@fleetward/contracts';
import { SkipAudit } from '../audit/skip-audit.decorator.js';
import { CurrentCaller } from '../auth/current-caller.decorator.js';
import { Public } from '../auth/public.decorator.js';
import { RequirePermission } from '../auth/require-permission.decorator.js';
import { ZodValidationPipe } from '../http/zod-validation.pipe.js';
import { ApiZodBody, ApiZodResponse } from '../openapi/api-zod.decorators.js';
import { heartbeatBatchBodySchema } from './heartbeat-body.schema.js';
import { HeartbeatService } from './heartbeat.service.js';

const acceptedSchema = z.object({ accepted: z.number().int() });

/** Heartbeats over HTTP for collectors and devices that cannot speak NATS. Both routes publish onto NATS. */
@ApiTags('Heartbeats')
@Controller()
export class HeartbeatsController {
  constructor(private readonly heartbeats: HeartbeatService) {}

  @Post('api/v1/heartbeats')
  @HttpCode(202)
  @SkipAudit()
  @RequirePermission('heartbeats:write')
  @ApiZodBody(heartbeatBatchBodySchema)
  @ApiZodResponse(acceptedSchema, { status: 202 })
  batch(
    @CurrentCaller() caller: Caller,
    @Body(new ZodValidationPipe(heartbeatBatchBodySchema)) body: z.output<typeof heartbeatBatchBodySchema>,
  ) {
    return this.heartbeats.acceptBatch(caller, body);
  }

  /** A device's own URL (its HTTP action rule calls it); the token in the path is its credential. */
  @Post('hb/:token')
  @HttpCode(202)
  @Public()
  @ApiOperation({ summary: 'Heartbeat of one device by its token; an unknown token answers 404' })
  @ApiZodResponse(acceptedSchema, { status: 202 })
  devicePost(@Param('token') token: string) {
    return this.heartbeats.acceptDeviceToken(token);
  }

  /** The same for devices whose action rules can only send GET. */
  @Get('hb/:token')
  @HttpCode(202)
  @Public()
  @ApiOperation({ summary: 'Heartbeat of one device by its token (GET variant)' })
  @ApiZodResponse(acceptedSchema, { status: 202 })
  deviceGet(@Param('token') token: string) {
    return this.heartbeats.acceptDeviceToken(token);
  }
}
