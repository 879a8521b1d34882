import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { NotifierRpc, type Caller } from '@fleetward/contracts';
import { CurrentCaller } from '../auth/current-caller.decorator.js';
import { RequirePermission } from '../auth/require-permission.decorator.js';
import { ZodValidationPipe } from '../http/zod-validation.pipe.js';
import { ApiZodBody, ApiZodQuery, ApiZodResponse } from '../openapi/api-zod.decorators.js';
import { ServiceClient } from '../rpc/service-client.js';
import {
  incidentNoteSchema,
  incidentQuerySchema,
  splitIncidentQuery,
  type IncidentNote,
  type IncidentQuery,
} from './notifier-http.schemas.js';
import { UuidPipe } from './notifier-path.pipes.js';

/** Incidents raised from device, site and lifecycle events; OT acknowledges and resolves them. */
@ApiTags('Incidents')
@Controller('api/v1/incidents')
export class IncidentsController {
  constructor(private readonly services: ServiceClient) {}

  @Get()
  @RequirePermission('incidents:read')
  @ApiZodQuery(incidentQuerySchema)
  @ApiZodResponse(NotifierRpc.incidentsList.response)
  list(@CurrentCaller() caller: Caller, @Query(new ZodValidationPipe(incidentQuerySchema)) query: IncidentQuery) {
    return this.services.call(NotifierRpc.incidentsList, splitIncidentQuery(query), caller);
  }

  @Get(':id')
  @RequirePermission('incidents:read')
  @ApiZodResponse(NotifierRpc.incidentsGet.response, { description: 'The incident, its log and its deliveries' })
  get(@CurrentCaller() caller: Caller, @Param('id', UuidPipe) id: string) {
    return this.services.call(NotifierRpc.incidentsGet, { id }, caller);
  }

  @Post(':id/acknowledge')
  @HttpCode(200)
  @RequirePermission('incidents:ack')
  @ApiZodBody(incidentNoteSchema)
  @ApiZodResponse(NotifierRpc.incidentsAcknowledge.response, {
    description: 'Acknowledged by the caller; 409 INCIDENT_NOT_OPEN when already acknowledged or resolved',
  })
  acknowledge(
    @CurrentCaller() caller: Caller,
    @Param('id', UuidPipe) id: string,
    @Body(new ZodValidationPipe(incidentNoteSchema)) body: IncidentNote,
  ) {
    return this.services.call(NotifierRpc.incidentsAcknowledge, { id, note: body.note }, caller);
  }

  @Post(':id/resolve')
  @HttpCode(200)
  @RequirePermission('incidents:ack')
  @ApiZodBody(incidentNoteSchema)
  @ApiZodResponse(NotifierRpc.incidentsResolve.response, { description: 'Resolved by hand by the caller' })
  resolve(
    @CurrentCaller() caller: Caller,
    @Param('id', UuidPipe) id: string,
    @Body(new ZodValidationPipe(incidentNoteSchema)) body: IncidentNote,
  ) {
    return this.services.call(NotifierRpc.incidentsResolve, { id, note: body.note }, caller);
  }
}
