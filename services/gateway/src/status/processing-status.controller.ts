import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { processingStatusSchema } from '@fleetward/contracts';
import { RequirePermission } from '../auth/require-permission.decorator.js';
import { ApiZodResponse } from '../openapi/api-zod.decorators.js';
import { ProcessingStatusService } from './processing-status.service.js';

/** Whether every service has applied every event yet (after an import, a release, a replay), per service. */
@ApiTags('Status')
@Controller('api/v1/status')
export class ProcessingStatusController {
  constructor(private readonly processing: ProcessingStatusService) {}

  /** Events each service has not applied yet, the oldest one's age and, from the last look, the rate and the time to catch up. */
  @Get('processing')
  @RequirePermission('health:read')
  @ApiZodResponse(processingStatusSchema)
  processingStatus() {
    return this.processing.status();
  }
}
