import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { roleSchema, type Caller } from '@fleetward/contracts';
import { CurrentCaller } from '../auth/current-caller.decorator.js';
import { permissions, rolePermissions } from '../auth/permissions.js';
import { RequirePermission } from '../auth/require-permission.decorator.js';
import { ApiZodResponse } from '../openapi/api-zod.decorators.js';

export const meSchema = z.object({
  orgId: z.string(),
  role: roleSchema,
  actor: z.string(),
  /** What this caller may do, from the permission matrix: clients hide what is not listed. */
  permissions: z.array(z.enum(permissions)),
});

/** Who the caller is and what it may do, so a client (the console) offers only the actions the caller may take. */
@ApiTags('Console')
@Controller('api/v1/me')
export class MeController {
  @Get()
  // Every role that a person signs in with holds org:read; machine (integration) keys are not for the console.
  @RequirePermission('org:read')
  @ApiOperation({ summary: "The caller's organisation, role and permissions" })
  @ApiZodResponse(meSchema)
  me(@CurrentCaller() caller: Caller): z.infer<typeof meSchema> {
    return {
      orgId: caller.orgId,
      role: caller.role,
      actor: caller.actor,
      permissions: permissions.filter((p) => rolePermissions[caller.role].has(p)),
    };
  }
}
