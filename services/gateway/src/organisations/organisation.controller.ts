import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { oidcSettingsUpdateSchema, organisationSchema, type Caller } from '@fleetward/contracts';
import type { z } from 'zod';
import { CurrentCaller } from '../auth/current-caller.decorator.js';
import { RequirePermission } from '../auth/require-permission.decorator.js';
import { ZodValidationPipe } from '../http/zod-validation.pipe.js';
import { ApiZodBody, ApiZodResponse } from '../openapi/api-zod.decorators.js';
import { OrganisationService } from './organisation.service.js';

/** The caller's organisation as the gateway knows it: id, name and how its people sign in. */
@ApiTags('Organisation')
@Controller('api/v1/organisation')
export class OrganisationController {
  constructor(private readonly orgs: OrganisationService) {}

  @Get()
  @RequirePermission('org:read')
  @ApiZodResponse(organisationSchema)
  get(@CurrentCaller() caller: Caller) {
    return this.orgs.get(caller);
  }

  @Put('oidc')
  @RequirePermission('org:write')
  @ApiZodBody(oidcSettingsUpdateSchema)
  @ApiZodResponse(organisationSchema)
  setOidc(
    @CurrentCaller() caller: Caller,
    @Body(new ZodValidationPipe(oidcSettingsUpdateSchema)) body: z.output<typeof oidcSettingsUpdateSchema>,
  ) {
    return this.orgs.setOidc(caller, body.oidc);
  }
}
