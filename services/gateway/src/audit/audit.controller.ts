import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { auditEntrySchema, auditQuerySchema, pageOf, type AuditQuery, type Caller } from '@fleetward/contracts';
import { CurrentCaller } from '../auth/current-caller.decorator.js';
import { RequirePermission } from '../auth/require-permission.decorator.js';
import { ZodValidationPipe } from '../http/zod-validation.pipe.js';
import { ApiZodQuery, ApiZodResponse } from '../openapi/api-zod.decorators.js';
import { AuditService } from './audit.service.js';

@ApiTags('Audit')
@Controller('api/v1/audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  /** Newest first; filter by actor, action, target, result and time range. */
  @Get()
  @RequirePermission('audit:read')
  @ApiZodQuery(auditQuerySchema)
  @ApiZodResponse(pageOf(auditEntrySchema))
  list(@CurrentCaller() caller: Caller, @Query(new ZodValidationPipe(auditQuerySchema)) query: AuditQuery) {
    return this.audit.list(caller, query);
  }
}
