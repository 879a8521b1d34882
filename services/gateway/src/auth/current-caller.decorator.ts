import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Caller } from '@fleetward/contracts';
import type { GatewayRequest } from './authenticated-request.js';
import { GatewayError } from '../http/gateway-error.js';

/**
 * The authenticated caller: org, role and actor from the credential, never from the request body.
 * Only valid on routes with `@RequirePermission`.
 */
export const CurrentCaller = createParamDecorator((_data: unknown, ctx: ExecutionContext): Caller => {
  const req = ctx.switchToHttp().getRequest<GatewayRequest>();
  if (!req.caller) throw new GatewayError(401, 'UNAUTHENTICATED', 'This route needs a credential');
  return req.caller;
});
