import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  pageOf,
  pageRequestSchema,
  userCreateSchema,
  userSchema,
  userUpdateSchema,
  type Caller,
  type UserCreate,
  type UserUpdate,
} from '@fleetward/contracts';
import { z } from 'zod';
import { CurrentCaller } from '../auth/current-caller.decorator.js';
import { RequirePermission } from '../auth/require-permission.decorator.js';
import { IdPipe } from '../http/id.pipe.js';
import { ZodValidationPipe } from '../http/zod-validation.pipe.js';
import { ApiZodBody, ApiZodQuery, ApiZodResponse } from '../openapi/api-zod.decorators.js';
import { UserService } from './user.service.js';

/** People who sign in with the organisation's OIDC provider, and their roles. */
@ApiTags('Users')
@Controller('api/v1/users')
export class UsersController {
  constructor(private readonly users: UserService) {}

  @Post()
  @RequirePermission('users:manage')
  @ApiZodBody(userCreateSchema)
  @ApiZodResponse(userSchema, { status: 201 })
  create(@CurrentCaller() caller: Caller, @Body(new ZodValidationPipe(userCreateSchema)) body: UserCreate) {
    return this.users.create(caller, body);
  }

  @Get()
  @RequirePermission('users:manage')
  @ApiZodQuery(pageRequestSchema)
  @ApiZodResponse(pageOf(userSchema))
  list(
    @CurrentCaller() caller: Caller,
    @Query(new ZodValidationPipe(pageRequestSchema)) page: z.output<typeof pageRequestSchema>,
  ) {
    return this.users.list(caller, page.limit, page.cursor);
  }

  @Get(':id')
  @RequirePermission('users:manage')
  @ApiZodResponse(userSchema)
  get(@CurrentCaller() caller: Caller, @Param('id', IdPipe) id: string) {
    return this.users.get(caller, id);
  }

  @Patch(':id')
  @RequirePermission('users:manage')
  @ApiZodBody(userUpdateSchema)
  @ApiZodResponse(userSchema)
  update(
    @CurrentCaller() caller: Caller,
    @Param('id', IdPipe) id: string,
    @Body(new ZodValidationPipe(userUpdateSchema)) body: UserUpdate,
  ) {
    return this.users.update(caller, id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermission('users:manage')
  async remove(@CurrentCaller() caller: Caller, @Param('id', IdPipe) id: string): Promise<void> {
    await this.users.remove(caller, id);
  }
}
