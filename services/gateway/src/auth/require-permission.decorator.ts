import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiExtension, ApiResponse } from '@nestjs/swagger';
import { problemResponse } from '../openapi/problem.schema.js';
import type { Permission } from './permissions.js';

export const PERMISSION_KEY = 'fleetward:permission';

/**
 * Declares the one permission a route needs (see permissions.ts). The global auth guard authenticates the caller and
 * allows the call only when the caller's role holds this permission. A route under /api without it is refused.
 */
export function RequirePermission(permission: Permission): MethodDecorator & ClassDecorator {
  return applyDecorators(
    SetMetadata(PERMISSION_KEY, permission),
    ApiExtension('x-fleetward-permission', permission),
    ApiBearerAuth(),
    ApiResponse(problemResponse(401, 'Missing, invalid, expired or revoked credential')),
    ApiResponse(problemResponse(403, `The caller's role lacks \`${permission}\``)),
    ApiResponse(problemResponse(429, 'Rate limit reached; see Retry-After')),
  );
}
