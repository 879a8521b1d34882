import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { NotifierRpc, type Caller } from '@fleetward/contracts';
import { CurrentCaller } from '../auth/current-caller.decorator.js';
import { RequirePermission } from '../auth/require-permission.decorator.js';
import { ZodValidationPipe } from '../http/zod-validation.pipe.js';
import { ApiZodQuery, ApiZodResponse } from '../openapi/api-zod.decorators.js';
import { ServiceClient } from '../rpc/service-client.js';
import { deliveryQuerySchema, type DeliveryQuery } from './notifier-http.schemas.js';

/** The delivery log: every notification's attempts, status and latency; `?status=dead` lists the dead letters. */
@ApiTags('Deliveries')
@Controller('api/v1/deliveries')
export class DeliveriesController {
  constructor(private readonly services: ServiceClient) {}

  @Get()
  @RequirePermission('deliveries:read')
  @ApiZodQuery(deliveryQuerySchema)
  @ApiZodResponse(NotifierRpc.deliveriesList.response)
  list(@CurrentCaller() caller: Caller, @Query(new ZodValidationPipe(deliveryQuerySchema)) query: DeliveryQuery) {
    return this.services.call(NotifierRpc.deliveriesList, query, caller);
  }
}
