import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  apiKeyCreatedSchema,
  apiKeyCreateSchema,
  apiKeySchema,
  pageOf,
  pageRequestSchema,
  type ApiKeyCreate,
  type Caller,
} from '@fleetward/contracts';
import { z } from 'zod';
import { CurrentCaller } from '../auth/current-caller.decorator.js';
import { RequirePermission } from '../auth/require-permission.decorator.js';
import { IdPipe } from '../http/id.pipe.js';
import { ZodValidationPipe } from '../http/zod-validation.pipe.js';
import { ApiZodBody, ApiZodQuery, ApiZodResponse } from '../openapi/api-zod.decorators.js';
import { ApiKeyService } from './api-key.service.js';

@ApiTags('API keys')
@Controller('api/v1/keys')
export class ApiKeysController {
  constructor(private readonly keys: ApiKeyService) {}

  @Post()
  @RequirePermission('keys:manage')
  @ApiZodBody(apiKeyCreateSchema)
  @ApiZodResponse(apiKeyCreatedSchema, { status: 201, description: 'The key; `key` is shown this once only' })
  create(@CurrentCaller() caller: Caller, @Body(new ZodValidationPipe(apiKeyCreateSchema)) body: ApiKeyCreate) {
    return this.keys.create(caller, body);
  }

  @Get()
  @RequirePermission('keys:manage')
  @ApiZodQuery(pageRequestSchema)
  @ApiZodResponse(pageOf(apiKeySchema))
  list(
    @CurrentCaller() caller: Caller,
    @Query(new ZodValidationPipe(pageRequestSchema)) page: z.output<typeof pageRequestSchema>,
  ) {
    return this.keys.list(caller, page.limit, page.cursor);
  }

  @Get(':id')
  @RequirePermission('keys:manage')
  @ApiZodResponse(apiKeySchema)
  get(@CurrentCaller() caller: Caller, @Param('id', IdPipe) id: string) {
    return this.keys.get(caller, id);
  }

  @Post(':id/revoke')
  @HttpCode(200)
  @RequirePermission('keys:manage')
  @ApiZodResponse(apiKeySchema, { description: 'The key, revoked (revoking twice keeps the first time)' })
  revoke(@CurrentCaller() caller: Caller, @Param('id', IdPipe) id: string) {
    return this.keys.revoke(caller, id);
  }
}
